package dev.railtracks.autoconfigure.actuate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.FunctionNode;
import dev.railtracks.Session;
import dev.railtracks.autoconfigure.RailtracksAutoConfiguration;
import dev.railtracks.autoconfigure.SessionFactory;
import dev.railtracks.autoconfigure.lifecycle.RailtracksLifecycleAutoConfiguration;
import dev.railtracks.autoconfigure.lifecycle.RailtracksSessionTracker;
import dev.railtracks.store.FileSessionStore;

import static org.assertj.core.api.Assertions.assertThat;

class RailtracksEndpointAutoConfigurationTests {

	private static final FunctionNode<String> SECRET = FunctionNode.of("secret", (String input) -> "out:" + input);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RailtracksAutoConfiguration.class,
				RailtracksLifecycleAutoConfiguration.class,
				RailtracksEndpointAutoConfiguration.class))
		.withPropertyValues("railtracks.save-state=false");

	@Test
	void endpointIsNotCreatedUnlessExposed() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(RailtracksEndpoint.class));
	}

	@Test
	void endpointIsCreatedWhenExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=railtracks")
			.run((context) -> assertThat(context).hasSingleBean(RailtracksEndpoint.class));
	}

	@Test
	void invalidShowValuesFailsStartupNamingKeyAndValue() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=railtracks",
					"railtracks.endpoint.show-values=sometimes")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context).getFailure()
					.hasStackTraceContaining("railtracks.endpoint.show-values")
					.hasStackTraceContaining("sometimes");
			});
	}

	@Test
	void endpointIsNotCreatedWithoutASessionTracker() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RailtracksEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=railtracks")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RailtracksEndpoint.class));
	}

	@Test
	void endpointUsesAUserSessionTracker() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RailtracksEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=railtracks")
			.withBean("customTracker", RailtracksSessionTracker.class, () -> new RailtracksSessionTracker(0))
			// The endpoint also lists the saved sessions of the ExecutorConfig's store.
			.withBean(ExecutorConfig.class, () -> ExecutorConfig.builder().saveState(false).build())
			.run((context) -> assertThat(context).hasSingleBean(RailtracksEndpoint.class));
	}

	@Test
	void endpointBacksOffToAUserEndpoint() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=railtracks")
			.withBean("customEndpoint", RailtracksEndpoint.class,
					() -> new RailtracksEndpoint(new RailtracksSessionTracker(1), new FileSessionStore(Path.of("unused")),
							10, Show.ALWAYS, Set.of(), null))
			.run((context) -> assertThat(context).getBean(RailtracksEndpoint.class)
				.isSameAs(context.getBean("customEndpoint")));
	}

	@Test
	void endpointCanBeSwitchedOff() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=railtracks",
					"management.endpoint.railtracks.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(RailtracksEndpoint.class));
	}

	@Test
	void endpointBacksOffWithoutActuator() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=railtracks")
			.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(SessionFactory.class)
				.doesNotHaveBean(RailtracksEndpoint.class));
	}

	@Test
	void listsActiveAndRecentSessions() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=railtracks")
			.run((context) -> {
				RailtracksEndpoint endpoint = context.getBean(RailtracksEndpoint.class);
				SessionFactory factory = context.getBean(SessionFactory.class);
				String closedId;
				try (Session closed = factory.create((builder) -> builder.sessionName("done"))) {
					closedId = closed.identifier();
				}
				try (Session open = factory.create()) {
					RailtracksSessionsDescriptor sessions = endpoint.sessions();
					assertThat(sessions.active()).singleElement().satisfies((active) -> {
						assertThat(active.id()).isEqualTo(open.identifier());
						assertThat(active.active()).isTrue();
						assertThat(active.closedAt()).isNull();
					});
					assertThat(sessions.recent()).singleElement().satisfies((recent) -> {
						assertThat(recent.id()).isEqualTo(closedId);
						assertThat(recent.name()).isEqualTo("done");
						assertThat(recent.active()).isFalse();
						assertThat(recent.closedAt()).isAfterOrEqualTo(recent.startedAt());
					});
				}
			});
	}

	@Test
	void aStoreThatCannotBeReadLeavesTheOpenAndRecentSessionsListedAndSaysWhy(@TempDir Path directory)
			throws IOException {
		// A state "directory" that is a file: listing it fails as a database that is down does.
		Path notADirectory = Files.writeString(directory.resolve("sessions"), "not a directory");
		FileSessionStore down = new FileSessionStore(notADirectory);
		this.contextRunner.run((context) -> {
			RailtracksEndpoint endpoint = new RailtracksEndpoint(context.getBean(RailtracksSessionTracker.class), down,
					100, Show.NEVER, Set.of(), null);
			SessionFactory factory = context.getBean(SessionFactory.class);
			String closedId;
			try (Session closed = factory.create()) {
				closedId = closed.identifier();
			}
			try (Session open = factory.create()) {
				RailtracksSessionsDescriptor sessions = endpoint.sessions();
				assertThat(sessions.active()).extracting(SessionDescriptor::id).containsExactly(open.identifier());
				assertThat(sessions.recent()).extracting(SessionDescriptor::id).containsExactly(closedId);
				assertThat(sessions.saved()).isEmpty();
				assertThat(sessions.savedError())
					.startsWith("Cannot list the saved sessions in " + notADirectory.toAbsolutePath() + ": ");
			}
		});
	}

	@Test
	void graphValuesAreMaskedByDefault() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=railtracks")
			.run((context) -> {
				String id = runSecret(context.getBean(SessionFactory.class));
				SessionGraphDescriptor graph = context.getBean(RailtracksEndpoint.class)
					.session(SecurityContext.NONE, id);
				assertThat(graph).isNotNull();
				assertThat(graph.valuesShown()).isFalse();
				assertThat(graph.session().id()).isEqualTo(id);
				Map<String, Object> edge = firstEdgeDetails(graph);
				assertThat(edge.get("input_args")).isEqualTo(List.of("******"));
				assertThat(edge.get("output")).isEqualTo("******");
				assertThat(graph.graph().toString()).doesNotContain("classified");
				assertThat(firstNodeInternals(graph).get("latency")).isInstanceOf(Map.class);
			});
	}

	@Test
	void graphValuesAreShownWhenConfigured() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=railtracks",
					"railtracks.endpoint.show-values=always")
			.run((context) -> {
				String id = runSecret(context.getBean(SessionFactory.class));
				SessionGraphDescriptor graph = context.getBean(RailtracksEndpoint.class)
					.session(SecurityContext.NONE, id);
				assertThat(graph).isNotNull();
				assertThat(graph.valuesShown()).isTrue();
				Map<String, Object> edge = firstEdgeDetails(graph);
				assertThat(edge.get("input_args")).isEqualTo(List.of("classified"));
				assertThat(edge.get("output")).isEqualTo("out:classified");
			});
	}

	@Test
	void graphValuesAreShownToAuthorizedRolesOnly() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=railtracks",
					"railtracks.endpoint.show-values=when-authorized", "railtracks.endpoint.roles=auditor")
			.run((context) -> {
				String id = runSecret(context.getBean(SessionFactory.class));
				RailtracksEndpoint endpoint = context.getBean(RailtracksEndpoint.class);
				SessionGraphDescriptor auditor = endpoint.session(user("auditor"), id);
				SessionGraphDescriptor other = endpoint.session(user("intern"), id);
				assertThat(auditor).isNotNull();
				assertThat(other).isNotNull();
				assertThat(auditor.valuesShown()).isTrue();
				assertThat(other.valuesShown()).isFalse();
			});
	}

	@Test
	void unknownSessionIsNull() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=railtracks")
			.run((context) -> assertThat(
					context.getBean(RailtracksEndpoint.class).session(SecurityContext.NONE, "no-such-session"))
				.isNull());
	}

	@Test
	void overHttpAnUnknownSessionIsA404ThatSaysWhy() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=railtracks").run((context) -> {
			WebEndpointResponse<Object> response = context.getBean(RailtracksEndpointWebExtension.class)
				.session(SecurityContext.NONE, "no-such-session");
			assertThat(response.getStatus()).isEqualTo(404);
			assertThat(response.getBody()).isEqualTo(new UnknownSessionDescriptor("no-such-session",
					"No session 'no-such-session': it is not open, not among the recently closed sessions this "
							+ "application remembers (railtracks.recent-sessions), and not in the session store"));
		});
	}

	@Test
	void overHttpAKnownSessionIsTheEndpointsAnswer() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=railtracks").run((context) -> {
			String id = runSecret(context.getBean(SessionFactory.class));
			WebEndpointResponse<Object> response = context.getBean(RailtracksEndpointWebExtension.class)
				.session(SecurityContext.NONE, id);
			assertThat(response.getStatus()).isEqualTo(200);
			assertThat(response.getBody()).isInstanceOfSatisfying(SessionGraphDescriptor.class,
					(graph) -> assertThat(graph.session().id()).isEqualTo(id));
		});
	}

	@Test
	void theWebExtensionIsNotCreatedWhenTheEndpointIsExposedOnlyOverJmx() {
		this.contextRunner
			.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=railtracks")
			.run((context) -> assertThat(context).hasSingleBean(RailtracksEndpoint.class)
				.doesNotHaveBean(RailtracksEndpointWebExtension.class));
	}

	private static String runSecret(SessionFactory factory) {
		try (Session session = factory.create()) {
			session.runSync(SECRET, "classified");
			return session.identifier();
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> firstEdgeDetails(SessionGraphDescriptor graph) {
		List<Map<String, Object>> edges = (List<Map<String, Object>>) graph.graph().get("edges");
		assertThat(edges).isNotEmpty();
		return (Map<String, Object>) edges.get(0).get("details");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> firstNodeInternals(SessionGraphDescriptor graph) {
		List<Map<String, Object>> nodes = (List<Map<String, Object>>) graph.graph().get("nodes");
		assertThat(nodes).isNotEmpty();
		Map<String, Object> details = (Map<String, Object>) nodes.get(0).get("details");
		return (Map<String, Object>) details.get("internals");
	}

	private static SecurityContext user(String role) {
		Principal principal = () -> "user-with-" + role;
		return new SecurityContext() {

			@Override
			public @Nullable Principal getPrincipal() {
				return principal;
			}

			@Override
			public boolean isUserInRole(String candidate) {
				return role.equals(candidate);
			}

		};
	}

}

package dev.railtracks.autoconfigure.viz;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.servlet.function.RouterFunction;

import dev.railtracks.FunctionNode;
import dev.railtracks.Session;
import dev.railtracks.autoconfigure.RailtracksAutoConfiguration;
import dev.railtracks.autoconfigure.SessionFactory;
import dev.railtracks.autoconfigure.actuate.RailtracksEndpoint;
import dev.railtracks.autoconfigure.actuate.RailtracksEndpointAutoConfiguration;
import dev.railtracks.autoconfigure.lifecycle.RailtracksLifecycleAutoConfiguration;
import dev.railtracks.autoconfigure.viz.RailtracksVisualiser;
import dev.railtracks.viz.GraphValues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests for {@link RailtracksVizAutoConfiguration}; the UI and API over HTTP are tested in the Spring Boot demo. // #9
 */
class RailtracksVizAutoConfigurationTests {

	private static final FunctionNode<String> GREET = FunctionNode.of("greet", (String name) -> "hello " + name);

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RailtracksAutoConfiguration.class,
				RailtracksLifecycleAutoConfiguration.class,
				RailtracksVizAutoConfiguration.class, RailtracksEndpointAutoConfiguration.class))
		.withPropertyValues("railtracks.save-state=false");

	/** An application without Actuator (the endpoint's auto-configuration is then filtered out before it loads). */
	private final WebApplicationContextRunner withoutActuator = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(RailtracksAutoConfiguration.class, RailtracksLifecycleAutoConfiguration.class,
						RailtracksVizAutoConfiguration.class))
		.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
		.withPropertyValues("railtracks.save-state=false", "railtracks.viz.enabled=true");

	@Test
	void visualiserIsOffByDefault() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(RailtracksVisualiser.class)
			.doesNotHaveBean("railtracksVizRoutes"));
	}

	@Test
	void visualiserIsServedAtItsDefaultPathWhenEnabled() {
		this.contextRunner.withPropertyValues("railtracks.viz.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(RailtracksVisualiser.class);
			assertThat(context.getBean("railtracksVizRoutes")).isInstanceOf(RouterFunction.class);
			assertThat(context.getBean(RailtracksVisualiser.class).path()).isEqualTo("/railtracks/");
			assertThat(context.getBean(RailtracksVisualiser.class).sessionPath("abc"))
				.isEqualTo("/railtracks/#session=abc");
		});
	}

	@Test
	void pathAndServletContextPathMakeTheLink() {
		this.contextRunner
			.withPropertyValues("railtracks.viz.enabled=true", "railtracks.viz.path=/ops/runs/",
					"server.servlet.context-path=/app")
			.run((context) -> assertThat(context.getBean(RailtracksVisualiser.class).path())
				.isEqualTo("/app/ops/runs/"));
	}

	@Test
	void anInvalidPathFailsStartupNamingKeyAndValue() {
		for (String path : new String[] { "railtracks", "/", "/a/**", "/a b", "/{id}" }) {
			this.contextRunner.withPropertyValues("railtracks.viz.enabled=true", "railtracks.viz.path=" + path)
				.run((context) -> {
					assertThat(context).as(path).hasFailed();
					assertThat(context).getFailure()
						.hasStackTraceContaining("railtracks.viz.path")
						.hasStackTraceContaining("'" + path + "'")
						.hasStackTraceContaining("the visualiser's path must start with '/'");
				});
		}
	}

	@Test
	void visualiserNeedsAServletWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(RailtracksAutoConfiguration.class, RailtracksLifecycleAutoConfiguration.class,
							RailtracksVizAutoConfiguration.class))
			.withPropertyValues("railtracks.viz.enabled=true", "railtracks.save-state=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RailtracksVisualiser.class));
	}

	@Test
	void visualiserBacksOffWithoutSpringMvc() {
		this.contextRunner.withPropertyValues("railtracks.viz.enabled=true")
			.withClassLoader(new FilteredClassLoader(RouterFunction.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RailtracksVisualiser.class));
	}

	@Test
	void theActuatorEndpointLinksToTheVisualiser() {
		this.contextRunner
			.withPropertyValues("railtracks.viz.enabled=true", "management.endpoints.web.exposure.include=railtracks")
			.run((context) -> assertThat(context.getBean(RailtracksEndpoint.class).sessions().visualiser())
				.isEqualTo("/railtracks/"));
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=railtracks")
			.run((context) -> assertThat(context.getBean(RailtracksEndpoint.class).sessions().visualiser()).isNull());
	}

	@Test
	void visualiserNeedsNoActuatorAndMasksValuesByDefault() {
		this.withoutActuator.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(RailtracksVisualiser.class).hasBean("railtracksVizRoutes");
				assertValuesShown(context, false);
			});
	}

	@Test
	void valuesFollowTheEndpointsShowValuesUnlessTheVisualiserSetsItsOwn() {
		this.withoutActuator.withPropertyValues("railtracks.endpoint.show-values=always")
			.run((context) -> assertValuesShown(context, true));
		this.contextRunner
			.withPropertyValues("railtracks.viz.enabled=true", "railtracks.endpoint.show-values=always",
					"railtracks.viz.show-values=never")
			.run((context) -> assertValuesShown(context, false));
		this.contextRunner.withPropertyValues("railtracks.viz.enabled=true", "railtracks.viz.show-values=always")
			.run((context) -> assertValuesShown(context, true));
		// Nobody signed in: when-authorized shows nothing, whichever roles apply.
		this.contextRunner
			.withPropertyValues("railtracks.viz.enabled=true", "railtracks.endpoint.show-values=always",
					"railtracks.viz.show-values=when-authorized", "railtracks.viz.roles=OPS")
			.run((context) -> assertValuesShown(context, false));
	}

	@Test
	void anInvalidShowValuesFailsStartupNamingTheKey() {
		this.withoutActuator.withPropertyValues("railtracks.endpoint.show-values=sometimes")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("railtracks.endpoint.show-values")
				.hasStackTraceContaining("sometimes"));
		this.contextRunner.withPropertyValues("railtracks.viz.enabled=true", "railtracks.viz.show-values=sometimes")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("railtracks.viz.show-values"));
	}

	/** Runs a session and reads it from the visualiser's API, as an anonymous user. */
	private static void assertValuesShown(AssertableWebApplicationContext context, boolean shown) throws Exception {
		String id;
		try (Session session = context.getBean(SessionFactory.class).create()) {
			id = session.identifier();
			session.runSync(GREET, "Ada");
		}
		MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
		mvc.perform(get("/railtracks/api/sessions/" + id))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.values_shown").value(shown))
			.andExpect(jsonPath("$.source").value("closed"))
			.andExpect(jsonPath("$.runs[0].edges[0].details.output").value(shown ? "hello Ada" : GraphValues.MASK));
	}

}

package dev.railtracks.autoconfigure.flow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.railtracks.Flow;
import dev.railtracks.FunctionNode;
import dev.railtracks.GlobalTimeoutException;
import dev.railtracks.autoconfigure.RailtracksAutoConfiguration;
import dev.railtracks.autoconfigure.SessionFactory;
import dev.railtracks.autoconfigure.actuate.RailtracksEndpoint;
import dev.railtracks.autoconfigure.actuate.RailtracksEndpointAutoConfiguration;
import dev.railtracks.autoconfigure.actuate.SessionDescriptor;
import dev.railtracks.autoconfigure.event.SessionClosedEvent;
import dev.railtracks.autoconfigure.lifecycle.RailtracksLifecycleAutoConfiguration;
import dev.railtracks.autoconfigure.observation.RailtracksObservationAutoConfiguration;
import dev.railtracks.store.SessionWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Flows as Spring beans built with {@link SessionFactory#flow}: they use the application's {@code railtracks.*}
 * configuration and appear in events, session metrics (a {@code railtracks.flow} tag) and the actuator endpoint.
 */
class FlowBeansTests {

	static final FunctionNode<Integer> LENGTH = FunctionNode.of("length", (String text) -> text.length());

	static final FunctionNode<String> SLOW = FunctionNode.of("slow", () -> {
		Thread.sleep(10_000);
		return "late";
	});

	@TempDir
	Path stateDirectory;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RailtracksAutoConfiguration.class,
				RailtracksLifecycleAutoConfiguration.class,
				RailtracksObservationAutoConfiguration.class, RailtracksEndpointAutoConfiguration.class))
		.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
		.withUserConfiguration(Flows.class)
		.withPropertyValues("management.endpoints.web.exposure.include=railtracks",
				"railtracks.run-identifier=fixed-by-the-application");

	@Configuration(proxyBeanMethods = false)
	static class Flows {

		@Bean
		Flow<Integer> measuring(SessionFactory sessions) {
			return sessions.flow("measuring", LENGTH).build();
		}

		@Bean
		Flow<String> slow(SessionFactory sessions) {
			return sessions.flow("slow", SLOW).saveState(false).timeout(Duration.ofMillis(100)).build();
		}

		@Bean
		FlowEvents flowEvents() {
			return new FlowEvents();
		}

	}

	static class FlowEvents implements ApplicationListener<SessionClosedEvent> {

		final List<String> closedFlows = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(SessionClosedEvent event) {
			this.closedFlows.add(event.getFlowName() + " " + event.getFinalInfo().answer());
		}

	}

	@Test
	@SuppressWarnings("unchecked")
	void aFlowBeanRunsWithTheApplicationsConfigurationAndIsSeenEverywhere() {
		this.contextRunner.withPropertyValues("railtracks.state-directory=" + this.stateDirectory).run((context) -> {
			Flow<Integer> flow = context.getBean("measuring", Flow.class);
			assertThat(flow.config().stateDirectory()).isEqualTo(this.stateDirectory);
			assertThat(flow.invoke("railtracks")).isEqualTo(10);

			assertThat(context.getBean(FlowEvents.class).closedFlows).containsExactly("measuring 10");
			TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
				.hasObservationWithNameEqualTo("railtracks.session")
				.that()
				.hasLowCardinalityKeyValue("railtracks.flow", "measuring");
			List<SessionDescriptor> recent = context.getBean(RailtracksEndpoint.class).sessions().recent();
			assertThat(recent).singleElement().satisfies((session) -> assertThat(session.flow()).isEqualTo("measuring"));
			// Spring Boot saves in the background: the file exists once the writer has written what was queued.
			context.getBean(SessionWriter.class).flush();
			try (Stream<Path> files = Files.list(this.stateDirectory)) {
				assertThat(files.map((file) -> file.getFileName().toString()))
					.containsExactly("measuring_" + recent.get(0).id() + ".json");
			}
			assertThat(recent.get(0).id()).isNotEqualTo("fixed-by-the-application");
		});
	}

	@Test
	@SuppressWarnings("unchecked")
	void theFlowsOwnOptionsOverrideTheApplicationsAndThePlainSessionsAreUntouched() {
		this.contextRunner.withPropertyValues("railtracks.save-state=false", "railtracks.timeout=60s").run((context) -> {
			Flow<String> slow = context.getBean("slow", Flow.class);
			assertThat(slow.config().timeout()).isEqualTo(Duration.ofMillis(100));
			assertThatExceptionOfType(GlobalTimeoutException.class).isThrownBy(slow::invoke);
			assertThat(context.getBean(FlowEvents.class).closedFlows).singleElement()
				.asString()
				.startsWith("slow Failure[exception=" + GlobalTimeoutException.class.getName());
			assertThat(context.getBean(SessionFactory.class).config().timeout()).isEqualTo(Duration.ofSeconds(60));
			assertThat(context.getBean(SessionFactory.class).config().runIdentifier())
				.isEqualTo("fixed-by-the-application");
		});
	}

}

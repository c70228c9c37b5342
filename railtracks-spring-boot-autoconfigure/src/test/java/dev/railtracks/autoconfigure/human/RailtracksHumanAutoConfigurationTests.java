package dev.railtracks.autoconfigure.human;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ApplicationListener;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.FunctionNode;
import dev.railtracks.HumanRequest;
import dev.railtracks.HumanRequests;
import dev.railtracks.Session;
import dev.railtracks.autoconfigure.RailtracksAutoConfiguration;
import dev.railtracks.autoconfigure.SessionFactory;
import dev.railtracks.autoconfigure.actuate.RailtracksHealthContributorAutoConfiguration;
import dev.railtracks.autoconfigure.actuate.RailtracksHealthIndicator;
import dev.railtracks.autoconfigure.lifecycle.RailtracksLifecycleAutoConfiguration;
import dev.railtracks.testing.PendingHumanRequests;

import static dev.railtracks.Railtracks.askHuman;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RailtracksHumanAutoConfiguration}: the sessions ask through the application's registry, answered
 * through the {@link SessionFactory}; events, meters, the endpoint; the health indicator does not count a session
 * waiting for a person as overdue.
 */
class RailtracksHumanAutoConfigurationTests {

	private static final FunctionNode<String> DATES = FunctionNode.of("dates",
			() -> askHuman("Which dates?", String.class, Duration.ofSeconds(30)));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RailtracksAutoConfiguration.class,
				RailtracksLifecycleAutoConfiguration.class, RailtracksHealthContributorAutoConfiguration.class,
				RailtracksHumanAutoConfiguration.class))
		.withPropertyValues("railtracks.save-state=false");

	@Test
	void sessionsAskThroughTheApplicationsRegistryAndTheSessionFactoryAnswersWithEventsAndMeters() {
		List<Object> events = new CopyOnWriteArrayList<>();
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=humanrequests")
			.withBean(SimpleMeterRegistry.class)
			.withBean("events", ApplicationListener.class, () -> (ApplicationListener<?>) events::add)
			.run((context) -> {
				HumanRequests requests = context.getBean(HumanRequests.class);
				assertThat(context.getBean(ExecutorConfig.class).humanRequests()).isSameAs(requests);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				context.getBean(HumanRequestsMeterBinder.class).bindTo(meters);
				SessionFactory sessions = context.getBean(SessionFactory.class);
				try (Session session = sessions.create()) {
					CompletableFuture<String> run = session.callAsync(DATES);
					HumanRequest request = PendingHumanRequests.awaitPending(requests);
					assertThat(sessions.pendingHumanRequests()).containsExactly(request);
					assertThat(meters.get(HumanRequestsMeterBinder.PENDING).gauge().value()).isEqualTo(1.0);
					assertThat(context.getBean(HumanRequestsEndpoint.class).pending().pending())
						.singleElement()
						.satisfies((described) -> {
							assertThat(described.requestId()).isEqualTo(request.requestId());
							assertThat(described.arguments()).isNull();
						});
					sessions.answer(request.runId(), request.requestId(), "May", "alice");
					assertThat(run.get(10, TimeUnit.SECONDS)).isEqualTo("May");
				}
				assertThat(events).filteredOn(HumanRequestedEvent.class::isInstance).hasSize(1);
				assertThat(events).filteredOn(HumanAnsweredEvent.class::isInstance)
					.singleElement()
					.satisfies((event) -> assertThat(((HumanAnsweredEvent) event).getAnswer().answeredBy())
						.isEqualTo("alice"));
				assertThat(meters.get(HumanRequestsMeterBinder.PENDING).gauge().value()).isZero();
				assertThat(meters.get(HumanRequestsMeterBinder.WAIT)
					.tags("kind", "question", "outcome", "answered")
					.timer()
					.count()).isEqualTo(1);
			});
	}

	@Test
	void aSessionWaitingForAPersonIsNotOverdueThoughOlderThanItsTimeout() {
		this.contextRunner.run((context) -> {
			HumanRequests requests = context.getBean(HumanRequests.class);
			RailtracksHealthIndicator health = context.getBean(RailtracksHealthIndicator.class);
			try (Session session = context.getBean(SessionFactory.class)
				.create((config) -> config.timeout(Duration.ofMillis(500)))) {
				// The session is older than its timeout before its run starts; the run has a timeout of its own.
				Thread.sleep(600);
				assertThat(health.health(true).getStatus()).isEqualTo(Status.DOWN);
				CompletableFuture<String> run = session.callAsync(DATES);
				HumanRequest request = PendingHumanRequests.awaitPending(requests);
				assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
				requests.answer(request.runId(), request.requestId(), "June", null);
				assertThat(run.get(10, TimeUnit.SECONDS)).isEqualTo("June");
			}
		});
	}

	@Test
	void theHttpApiIsOffByDefaultAndOnlyInServletApplications() {
		WebApplicationContextRunner web = new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RailtracksAutoConfiguration.class,
					RailtracksHumanAutoConfiguration.class))
			.withPropertyValues("railtracks.save-state=false");
		web.run((context) -> assertThat(context).doesNotHaveBean(HumanRequestsController.class)
			.hasSingleBean(HumanRequests.class));
		web.withPropertyValues("railtracks.human.web.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(HumanRequestsController.class));
		this.contextRunner.withPropertyValues("railtracks.human.web.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(HumanRequestsController.class));
	}

	@Test
	void aBadPathIsRefusedNamingTheProperty() {
		this.contextRunner.withPropertyValues("railtracks.human.web.path=no-slash")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("railtracks.human.web.path").hasMessageContaining("no-slash"));
	}

}

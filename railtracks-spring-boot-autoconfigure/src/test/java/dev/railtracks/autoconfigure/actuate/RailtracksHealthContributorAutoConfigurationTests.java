package dev.railtracks.autoconfigure.actuate;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.railtracks.Session;
import dev.railtracks.autoconfigure.RailtracksAutoConfiguration;
import dev.railtracks.autoconfigure.SessionFactory;
import dev.railtracks.autoconfigure.lifecycle.RailtracksLifecycleAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link RailtracksHealthContributorAutoConfiguration} and {@link RailtracksHealthIndicator}.
 */
class RailtracksHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RailtracksAutoConfiguration.class,
				RailtracksLifecycleAutoConfiguration.class,
				RailtracksHealthContributorAutoConfiguration.class))
		.withPropertyValues("railtracks.save-state=false");

	@Test
	@SuppressWarnings("try") // the open session only has to exist
	void upWithTheOpenSessionsCounted() {
		this.contextRunner.run((context) -> {
			try (Session open = context.getBean(SessionFactory.class).create()) {
				Health health = context.getBean(RailtracksHealthIndicator.class).health(true);
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("active", 1).containsEntry("overdue", 0);
			}
		});
	}

	@Test
	@SuppressWarnings("try") // the open session only has to exist
	void downWhileASessionStaysOpenPastItsTimeoutNamingIt() {
		this.contextRunner.run((context) -> {
			HealthIndicator indicator = context.getBean(RailtracksHealthIndicator.class);
			Session leaked = context.getBean(SessionFactory.class)
				.create((config) -> config.timeout(Duration.ofMillis(50)));
			try (Session fine = context.getBean(SessionFactory.class).create()) {
				await().atMost(Duration.ofSeconds(10)).until(() -> indicator.health(true).getStatus() == Status.DOWN);
				Health health = indicator.health(true);
				assertThat(health.getDetails()).containsEntry("active", 2)
					.containsEntry("overdue", 1)
					.containsEntry("overdueSessions", List.of(leaked.identifier()));
				leaked.close();
				assertThat(indicator.health(true).getStatus()).isEqualTo(Status.UP);
			}
		});
	}

	@Test
	@SuppressWarnings("try") // the open session only has to exist
	void aSessionWithoutATimeoutIsNeverOverdue() {
		this.contextRunner.withPropertyValues("railtracks.timeout-enabled=false").run((context) -> {
			try (Session open = context.getBean(SessionFactory.class).create()) {
				assertThat(context.getBean(RailtracksHealthIndicator.class).health(true).getStatus())
					.isEqualTo(Status.UP);
			}
		});
	}

	@Test
	void canBeSwitchedOffWithBootsHealthKey() {
		this.contextRunner.withPropertyValues("management.health.railtracks.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RailtracksHealthIndicator.class));
	}

	@Test
	void backsOffWithoutBootsHealthModule() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RailtracksHealthIndicator.class));
	}

}

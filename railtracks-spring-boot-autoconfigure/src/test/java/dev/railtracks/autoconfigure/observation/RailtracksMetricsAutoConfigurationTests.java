package dev.railtracks.autoconfigure.observation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.railtracks.FunctionNode;
import dev.railtracks.Session;
import dev.railtracks.autoconfigure.RailtracksAutoConfiguration;
import dev.railtracks.autoconfigure.SessionFactory;
import dev.railtracks.autoconfigure.lifecycle.RailtracksLifecycleAutoConfiguration;
import dev.railtracks.autoconfigure.lifecycle.RailtracksSessionTracker;
import dev.railtracks.store.SessionStore;
import dev.railtracks.store.SessionWriter;

import static org.assertj.core.api.Assertions.assertThat;

class RailtracksMetricsAutoConfigurationTests {

	private static final FunctionNode<Integer> DOUBLE = FunctionNode.of("double", (Integer value) -> value * 2);

	private static final FunctionNode<Integer> BROKEN = FunctionNode.of("broken", (Integer value) -> {
		throw new IllegalStateException("broken on " + value);
	});

	@TempDir
	Path stateDirectory;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RailtracksAutoConfiguration.class,
				RailtracksLifecycleAutoConfiguration.class,
				RailtracksMetricsAutoConfiguration.class, MetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class)
		.withPropertyValues("railtracks.save-state=false", "management.metrics.use-global-registry=false");

	/** Railtracks with Spring Boot's observation and metrics auto-configurations, as with Actuator. */
	private final ApplicationContextRunner bootChain = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RailtracksAutoConfiguration.class,
				RailtracksLifecycleAutoConfiguration.class, RailtracksObservationAutoConfiguration.class,
				RailtracksMetricsAutoConfiguration.class, ObservationAutoConfiguration.class,
				MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class))
		.withPropertyValues("railtracks.save-state=false", "management.metrics.use-global-registry=false");

	@Test
	@SuppressWarnings("try") // the sessions are only opened and closed
	void activeSessionsGaugeCountsOpenSessions() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			SessionFactory factory = context.getBean(SessionFactory.class);
			assertThat(registry.get("railtracks.sessions.active").gauge().value()).isZero();
			try (Session first = factory.create(); Session second = factory.create()) {
				assertThat(registry.get("railtracks.sessions.active").gauge().value()).isEqualTo(2);
			}
			assertThat(registry.get("railtracks.sessions.active").gauge().value()).isZero();
		});
	}

	@Test
	void concurrentSessionsWithTheSameRunIdentifierAreEachCounted() {
		this.contextRunner.withPropertyValues("railtracks.run-identifier=nightly").run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			RailtracksSessionTracker tracker = context.getBean(RailtracksSessionTracker.class);
			SessionFactory factory = context.getBean(SessionFactory.class);
			try (Session first = factory.create()) {
				try (Session second = factory.create()) {
					assertThat(second.identifier()).isEqualTo(first.identifier()).isEqualTo("nightly");
					assertThat(registry.get("railtracks.sessions.active").gauge().value()).isEqualTo(2);
					assertThat(tracker.activeSessions()).hasSize(2).containsOnlyOnce(first, second);
					assertThat(tracker.findActive("nightly")).containsSame(second);
				}
				assertThat(registry.get("railtracks.sessions.active").gauge().value()).isEqualTo(1);
				assertThat(tracker.findActive("nightly")).containsSame(first);
			}
			assertThat(registry.get("railtracks.sessions.active").gauge().value()).isZero();
			assertThat(tracker.findActive("nightly")).isEmpty();
			assertThat(tracker.recentSessions()).hasSize(2);
		});
	}

	@Test
	void saveQueueMetersReadTheBackgroundWriter() {
		this.contextRunner.withPropertyValues("railtracks.save-state=true", "railtracks.save-queue-capacity=1")
			.withPropertyValues("railtracks.state-directory=" + this.stateDirectory)
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				SessionWriter writer = context.getBean(SessionWriter.class);
				SessionFactory factory = context.getBean(SessionFactory.class);
				for (int i = 0; i < 20; i++) {
					try (Session session = factory.create()) {
						session.runSync(DOUBLE, i);
					}
				}
				assertThat(registry.get(SessionWriterMeterBinder.BACK_PRESSURE).functionCounter().count())
					.isEqualTo(writer.backPressureWaits());
				writer.flush();
				assertThat(registry.get(SessionWriterMeterBinder.QUEUED).gauge().value()).isZero();
			});
	}

	@Test
	void documentsTheStoreFailedToSaveAreCounted() {
		this.contextRunner.withPropertyValues("railtracks.save-state=true")
			.withBean(SessionStore.class, () -> (document) -> {
				throw new IOException("disk full");
			})
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				SessionFactory factory = context.getBean(SessionFactory.class);
				for (int i = 0; i < 3; i++) {
					try (Session session = factory.create()) {
						session.runSync(DOUBLE, i);
					}
				}
				context.getBean(SessionWriter.class).flush();
				assertThat(registry.get(SessionWriterMeterBinder.FAILED).functionCounter().count()).isEqualTo(3);
			});
	}

	@Test
	void noSaveQueueMetersWhenSavingIsSynchronous() {
		this.contextRunner.withPropertyValues("railtracks.save-mode=sync")
			.run((context) -> assertThat(context).doesNotHaveBean(SessionWriterMeterBinder.class));
	}

	@Test
	void backsOffToAUserMeterBinder() {
		this.contextRunner
			.withBean("customBinder", RailtracksSessionsMeterBinder.class,
					() -> new RailtracksSessionsMeterBinder(new RailtracksSessionTracker(0)))
			.run((context) -> assertThat(context).getBean(RailtracksSessionsMeterBinder.class)
				.isSameAs(context.getBean("customBinder")));
	}

	@Test
	void noGaugeWithoutASessionTracker() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(RailtracksMetricsAutoConfiguration.class, MetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("management.metrics.use-global-registry=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RailtracksSessionsMeterBinder.class));
	}

	@Test
	void gaugeUsesAUserSessionTracker() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(RailtracksMetricsAutoConfiguration.class, MetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.withBean("customTracker", RailtracksSessionTracker.class, () -> new RailtracksSessionTracker(0))
			.withPropertyValues("management.metrics.use-global-registry=false")
			.run((context) -> {
				assertThat(context).hasSingleBean(RailtracksSessionsMeterBinder.class);
				assertThat(context.getBean(MeterRegistry.class).get("railtracks.sessions.active").gauge().value())
					.isZero();
			});
	}

	@Test
	void noGaugeWithoutAMeterRegistry() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(RailtracksAutoConfiguration.class,
				RailtracksLifecycleAutoConfiguration.class,
				RailtracksMetricsAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RailtracksSessionsMeterBinder.class));
	}

	@Test
	void noGaugeWithoutMicrometerCore() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RailtracksAutoConfiguration.class,
					RailtracksLifecycleAutoConfiguration.class,
					RailtracksMetricsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(SessionFactory.class)
				.doesNotHaveBean(RailtracksSessionsMeterBinder.class));
	}

	@Test
	void realBootChainTurnsNodeObservationsIntoTimers() {
		this.bootChain.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			try (Session session = context.getBean(SessionFactory.class).create()) {
				session.runSync(DOUBLE, 21);
			}
			try (Session session = context.getBean(SessionFactory.class).create()) {
				session.runSync(BROKEN, 1);
			}
			catch (IllegalStateException expected) {
				assertThat(expected).hasMessage("broken on 1");
			}
			Timer doubled = registry.get("railtracks.node")
				.tag("railtracks.node.name", "double")
				.tag("railtracks.node.type", "Tool")
				.tag("outcome", "success")
				.timer();
			assertThat(doubled.count()).isEqualTo(1);
			Timer broken = registry.get("railtracks.node").tag("railtracks.node.name", "broken").timer();
			assertThat(broken.count()).isEqualTo(1);
			assertThat(broken.getId().getTag("error")).isEqualTo("IllegalStateException");
			assertThat(registry.get("railtracks.session").timer().count()).isEqualTo(2);
			assertThat(registry.get("railtracks.sessions.active").gauge().value()).isZero();
		});
	}

	@Test
	void nodeObservationsHaveNoLongTaskTimerByDefault() {
		this.bootChain.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			try (Session session = context.getBean(SessionFactory.class).create()) {
				session.runSync(DOUBLE, 21);
			}
			assertThat(registry.get("railtracks.node").tag("railtracks.node.name", "double").timer().count())
				.isEqualTo(1);
			assertThat(registry.find("railtracks.node.active").longTaskTimer()).isNull();
			assertThat(registry.find("railtracks.session.active").longTaskTimer()).isNotNull();
			assertThat(context).hasSingleBean(NodeMeterObservationHandler.class);
		});
	}

	@Test
	void theNodeMeterHandlerLeavesTheRegistryWhenTheContextCloses() {
		AtomicReference<MeterRegistry> registry = new AtomicReference<>();
		this.bootChain.run((context) -> {
			registry.set(context.getBean(MeterRegistry.class));
			assertThat(NodeMeterObservationHandler.listeningTo(registry.get())).isEqualTo(1);
		});
		assertThat(NodeMeterObservationHandler.listeningTo(registry.get())).isZero();
	}

	@Test
	void nodeLongTaskTimerCanBeTurnedBackOn() {
		this.bootChain.withPropertyValues("railtracks.observation.node-long-task-timer.enabled=true")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				try (Session session = context.getBean(SessionFactory.class).create()) {
					session.runSync(DOUBLE, 21);
				}
				assertThat(registry.get("railtracks.node").tag("railtracks.node.name", "double").timer().count())
					.isEqualTo(1);
				assertThat(registry.get("railtracks.node.active")
					.tag("railtracks.node.name", "double")
					.longTaskTimer()
					.activeTasks()).isZero();
				assertThat(context).doesNotHaveBean(NodeMeterObservationHandler.class);
			});
	}

	@Test
	void noNodeMeterHandlerWithoutBootsMeterHandler() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RailtracksAutoConfiguration.class,
					RailtracksLifecycleAutoConfiguration.class, RailtracksMetricsAutoConfiguration.class,
					ObservationAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("railtracks.save-state=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(DefaultMeterObservationHandler.class)
				.doesNotHaveBean(NodeMeterObservationHandler.class));
	}

}

package dev.railtracks.autoconfigure.observation;

import dev.dbos.transact.DBOS;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import dev.railtracks.Session;
import dev.railtracks.autoconfigure.lifecycle.RailtracksLifecycleAutoConfiguration;
import dev.railtracks.autoconfigure.lifecycle.RailtracksSessionTracker;
import dev.railtracks.durable.Durability;
import dev.railtracks.store.SessionWriter;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@code railtracks.sessions.active} gauge and, when
 * sessions are saved in the background, the save queue's meters ({@link SessionWriterMeterBinder}), bound to every
 * {@link MeterRegistry} of the application, and the {@code railtracks.model.tokens} counter of agent model calls
 * ({@link ModelTokenUsageObservationHandler}, registered with the application's observation registry). Next to Spring
 * Boot's {@link DefaultMeterObservationHandler}, node observations get their own {@link NodeMeterObservationHandler}
 * (a timer without a long task timer) unless {@code railtracks.observation.node-long-task-timer.enabled} is
 * {@code true}; it is ordered at {@code 0}, ahead of Boot's handler and of handlers with the default order.
 */
@AutoConfiguration(after = RailtracksLifecycleAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
				"dev.railtracks.autoconfigure.durable.RailtracksDurableAutoConfiguration" })
@ConditionalOnClass({ Session.class, MeterBinder.class })
@ConditionalOnBean({ MeterRegistry.class, RailtracksSessionTracker.class })
public final class RailtracksMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RailtracksSessionsMeterBinder railtracksSessionsMeterBinder(RailtracksSessionTracker railtracksSessionTracker) {
		return new RailtracksSessionsMeterBinder(railtracksSessionTracker);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(SessionWriter.class)
	SessionWriterMeterBinder railtracksSessionWriterMeterBinder(SessionWriter railtracksSessionWriter) {
		return new SessionWriterMeterBinder(railtracksSessionWriter);
	}

	@Bean
	@ConditionalOnMissingBean
	ModelTokenUsageObservationHandler railtracksModelTokenUsageObservationHandler(MeterRegistry meterRegistry) {
		return new ModelTokenUsageObservationHandler(meterRegistry);
	}

	/** The recovered durable runs' counter, with durable flows (a {@link Durability} bean). */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Durability.class, DBOS.class })
	static final class DurableMetrics {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(Durability.class)
		DurableRecoveryMeter railtracksDurableRecoveryMeter(MeterRegistry meterRegistry) {
			return new DurableRecoveryMeter(meterRegistry);
		}

	}

	@Bean
	@Order(0)
	@ConditionalOnMissingBean
	@ConditionalOnBean(DefaultMeterObservationHandler.class)
	@ConditionalOnBooleanProperty(name = "railtracks.observation.node-long-task-timer.enabled", havingValue = false,
			matchIfMissing = true)
	NodeMeterObservationHandler railtracksNodeMeterObservationHandler(MeterRegistry meterRegistry) {
		return new NodeMeterObservationHandler(meterRegistry);
	}

}

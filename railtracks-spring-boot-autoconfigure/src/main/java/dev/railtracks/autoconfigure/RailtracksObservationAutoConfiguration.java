package dev.railtracks.autoconfigure;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.railtracks.Session;
import dev.railtracks.observation.NodeObservationConvention;
import dev.railtracks.observation.SessionObservationConvention;

/**
 * {@link EnableAutoConfiguration Auto-configuration} that makes sessions report {@code railtracks.session} and
 * {@code railtracks.node} observations to the application's {@link ObservationRegistry}, with the application's
 * {@link NodeObservationConvention} and {@link SessionObservationConvention} beans when there are any. With Spring
 * Boot's metrics on the classpath, those observations become timers of the same names.
 */
@AutoConfiguration(
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({ Session.class, ObservationRegistry.class })
@ConditionalOnBean(ObservationRegistry.class)
public final class RailtracksObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "railtracksObservationExecutorConfigCustomizer")
	ExecutorConfigCustomizer railtracksObservationExecutorConfigCustomizer(
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<NodeObservationConvention> nodeObservationConvention,
			ObjectProvider<SessionObservationConvention> sessionObservationConvention) {
		return (builder) -> {
			builder.observationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
			builder.nodeObservationConvention(nodeObservationConvention.getIfUnique());
			builder.sessionObservationConvention(sessionObservationConvention.getIfUnique());
		};
	}

}

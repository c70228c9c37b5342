package dev.railtracks.autoconfigure.observation;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

import dev.railtracks.Session;
import dev.railtracks.autoconfigure.ExecutorConfigCustomizer;
import dev.railtracks.observation.ModelCallObservationConvention;
import dev.railtracks.observation.NodeObservationConvention;
import dev.railtracks.observation.SessionObservationConvention;

/**
 * {@link EnableAutoConfiguration Auto-configuration} that makes sessions report {@code railtracks.session} and
 * {@code railtracks.node} observations (and agents {@code railtracks.model.call} observations) to the application's
 * {@link ObservationRegistry}, with the application's {@link NodeObservationConvention},
 * {@link SessionObservationConvention} and {@link ModelCallObservationConvention} beans when there are any. With
 * Spring Boot's metrics on the classpath, those observations become timers of the same names.
 *
 * <p>Applies only when there is a single {@link ObservationRegistry} candidate (one bean, or one {@code @Primary}).
 * Its {@link ExecutorConfigCustomizer} ({@code railtracksObservationExecutorConfigCustomizer}) runs at order
 * {@code 0}, before customizers with the default (lowest) order or any positive order, so an application's own
 * customizer can still replace the registry or the conventions. It sets a convention only when there is a unique
 * convention bean.
 */
@AutoConfiguration(
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({ Session.class, ObservationRegistry.class })
@ConditionalOnSingleCandidate(ObservationRegistry.class)
public final class RailtracksObservationAutoConfiguration {

	@Bean
	@Order(0)
	@ConditionalOnMissingBean(name = "railtracksObservationExecutorConfigCustomizer")
	ExecutorConfigCustomizer railtracksObservationExecutorConfigCustomizer(
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<NodeObservationConvention> nodeObservationConvention,
			ObjectProvider<SessionObservationConvention> sessionObservationConvention,
			ObjectProvider<ModelCallObservationConvention> modelCallObservationConvention) {
		return (builder) -> {
			builder.observationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
			nodeObservationConvention.ifUnique(builder::nodeObservationConvention);
			sessionObservationConvention.ifUnique(builder::sessionObservationConvention);
			modelCallObservationConvention.ifUnique(builder::modelCallObservationConvention);
		};
	}

}

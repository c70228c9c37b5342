package dev.railtracks.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags {@code railtracks.model.call} observations; implement it (or extend
 * {@link DefaultModelCallObservationConvention}) and set it on the session's configuration
 * ({@code ExecutorConfig.Builder.modelCallObservationConvention}, or a bean in Spring Boot) to replace the default.
 */
public interface ModelCallObservationConvention extends ObservationConvention<ModelCallObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof ModelCallObservationContext;
	}

}

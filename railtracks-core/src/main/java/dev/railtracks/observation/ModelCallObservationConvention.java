package dev.railtracks.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags {@code railtracks.model.call} observations; implement it (and register it as a
 * {@link io.micrometer.observation.GlobalObservationConvention} or pass it to the agent) to replace
 * {@link DefaultModelCallObservationConvention}.
 */
public interface ModelCallObservationConvention extends ObservationConvention<ModelCallObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof ModelCallObservationContext;
	}

}

package dev.railtracks.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags {@code railtracks.node} observations; implement it to replace
 * {@link DefaultNodeObservationConvention}.
 */
public interface NodeObservationConvention extends ObservationConvention<NodeObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof NodeObservationContext;
	}

}

package dev.railtracks.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags {@code railtracks.session} observations; implement it to replace
 * {@link DefaultSessionObservationConvention}.
 */
public interface SessionObservationConvention extends ObservationConvention<SessionObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof SessionObservationContext;
	}

}

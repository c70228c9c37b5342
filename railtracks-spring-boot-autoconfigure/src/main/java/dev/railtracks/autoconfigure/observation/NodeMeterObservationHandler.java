package dev.railtracks.autoconfigure.observation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.Observation;

import dev.railtracks.observation.NodeObservationContext;

/**
 * Turns {@code railtracks.node} observations into the {@code railtracks.node} timer only, without the
 * {@code railtracks.node.active} long task timer that Spring Boot's {@link DefaultMeterObservationHandler} starts for
 * every observation. A node call is usually over in microseconds, so a gauge of running node calls tells little and
 * costs about a third of an observed node's time. Boot asks its meter handlers in order and the first that supports a
 * context handles it: this one, ordered ahead of Boot's, takes the node observations and leaves every other
 * observation (sessions, model calls, HTTP requests) to Boot's handler.
 *
 * @author Railtracks
 * @since 0.1.0
 */
public final class NodeMeterObservationHandler extends DefaultMeterObservationHandler {

	/**
	 * A handler recording node timers into a registry.
	 * @param meterRegistry the registry
	 */
	public NodeMeterObservationHandler(MeterRegistry meterRegistry) {
		super(meterRegistry, IgnoredMeters.LONG_TASK_TIMER);
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof NodeObservationContext;
	}

}

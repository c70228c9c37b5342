package dev.railtracks.autoconfigure.observation;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.railtracks.autoconfigure.SessionFactory;
import dev.railtracks.autoconfigure.lifecycle.RailtracksSessionTracker;

/**
 * Binds the {@code railtracks.sessions.active} gauge: the number of sessions made by the {@link SessionFactory} that
 * are open. (Node and session timers come from observations; this gauge counts sessions whether or not they run
 * anything.)
 */
public final class RailtracksSessionsMeterBinder implements MeterBinder {

	/** The gauge's name. */
	public static final String ACTIVE_SESSIONS = "railtracks.sessions.active";

	private final RailtracksSessionTracker tracker;

	/**
	 * A binder reading a tracker.
	 * @param tracker the tracker of the factory's sessions
	 */
	public RailtracksSessionsMeterBinder(RailtracksSessionTracker tracker) {
		this.tracker = tracker;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(ACTIVE_SESSIONS, this.tracker, RailtracksSessionTracker::activeCount)
			.description("Number of open Railtracks sessions")
			.baseUnit("sessions")
			.register(registry);
	}

}

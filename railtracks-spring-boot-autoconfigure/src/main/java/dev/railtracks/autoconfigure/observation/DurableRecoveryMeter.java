package dev.railtracks.autoconfigure.observation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.railtracks.Session;
import dev.railtracks.SessionListener;
import dev.railtracks.durable.Durability;

/**
 * Counts the durable runs that execute again ({@code railtracks.durable.recovered}, tagged with the flow's name):
 * recovered after a crash or by another executor, resumed, or forked. A run counts once per execution that continues
 * it; its first execution does not count.
 */
public final class DurableRecoveryMeter implements SessionListener {

	/** The counter's name. */
	public static final String RECOVERED = "railtracks.durable.recovered";

	private final MeterRegistry registry;

	/**
	 * A meter registering its counters in a registry.
	 * @param registry the registry
	 */
	public DurableRecoveryMeter(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void sessionStarted(Session session) {
		if (Boolean.TRUE.equals(session.context().get(Durability.RECOVERED, false))) {
			String flow = session.flowName();
			Counter.builder(RECOVERED)
				.description("Executions of durable runs that continue a run: recovered, resumed or forked")
				.baseUnit("runs")
				.tag("flow", (flow != null) ? flow : "none")
				.register(this.registry)
				.increment();
		}
	}

}

package dev.railtracks.benchmarks;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import dev.railtracks.observation.NodeObservationContext;
import dev.railtracks.observation.NodeObservationConvention;

/**
 * Micrometer's own share of an observed node: {@code n} calls of {@link Work#increment}, each observed the way the
 * engine observes a node (a {@code railtracks.node} observation with the same key values, nested under a session
 * observation, started, its scope opened around the call and closed, stopped with its outcome), with key values made
 * before the run, so nothing but Micrometer's observation and its meter handlers is measured. The score less
 * {@link FloorBenchmark#plainCall} is what Micrometer costs per node; {@code RailtracksBenchmark -p observed=true}
 * less this is what Railtracks adds around it.
 */
public class ObservationFloorBenchmark extends SizedBenchmark {

	private static final KeyValue NODE_NAME = KeyValue.of("railtracks.node.name", "child");

	private static final KeyValue NODE_TYPE = KeyValue.of("railtracks.node.type", "Tool");

	private static final KeyValues RUNNING = KeyValues.of(NODE_NAME, NODE_TYPE, KeyValue.of("outcome", "none"));

	private static final KeyValues SUCCEEDED = KeyValues.of(NODE_NAME, NODE_TYPE, KeyValue.of("outcome", "success"));

	private static final String SESSION_ID = "0b5f6f51-3c9e-4c8e-9d6e-2f4f1b7a9c01";

	/** The meter handlers: Spring Boot's alone, or with Railtracks' node handler ahead of it (the default). */
	@Param({ "BOOT", "RAILTRACKS" })
	public MeteredRegistry handlers;

	private ObservationRegistry registry;

	private Observation session;

	private String[] requestIds;

	private KeyValues[] identifiers;

	@Setup
	public void observeSession() {
		this.registry = this.handlers.create();
		this.session = Observation.start("railtracks.session", this.registry);
		this.requestIds = new String[this.n];
		this.identifiers = new KeyValues[this.n];
		for (int i = 0; i < this.n; i++) {
			this.requestIds[i] = "0b5f6f51-3c9e-4c8e-9d6e-" + String.format("%012d", i);
			this.identifiers[i] = KeyValues.of(KeyValue.of("railtracks.request.id", this.requestIds[i]),
					KeyValue.of("railtracks.session.id", SESSION_ID));
		}
	}

	@TearDown
	public void stopSession() {
		this.session.stop();
	}

	/** {@code n} observed calls, one after another, each taking the previous one's result, as the chain does. */
	@Benchmark
	public int observedCalls() {
		int count = 0;
		for (int i = 0; i < this.n; i++) {
			PreparedContext context = new PreparedContext(this.requestIds[i], this.identifiers[i]);
			Observation observation = Observation.createNotStarted(null, PreparedConvention.INSTANCE, () -> context,
					this.registry);
			observation.parentObservation(this.session);
			observation.start();
			try (Observation.Scope scope = observation.openScope()) {
				count = Work.increment(count);
			}
			context.setOutcome("success");
			observation.stop();
		}
		return count;
	}

	/** A node's context that carries its high-cardinality key values, made before the run. */
	private static final class PreparedContext extends NodeObservationContext {

		final KeyValues identifiers;

		PreparedContext(String requestId, KeyValues identifiers) {
			super("child", "Tool", SESSION_ID, requestId);
			this.identifiers = identifiers;
		}

	}

	/** The node convention's names and key values, without making any. */
	private static final class PreparedConvention implements NodeObservationConvention {

		static final PreparedConvention INSTANCE = new PreparedConvention();

		@Override
		public String getName() {
			return "railtracks.node";
		}

		@Override
		public String getContextualName(NodeObservationContext context) {
			return context.getNodeName();
		}

		@Override
		public KeyValues getLowCardinalityKeyValues(NodeObservationContext context) {
			return (context.getOutcome() != null) ? SUCCEEDED : RUNNING;
		}

		@Override
		public KeyValues getHighCardinalityKeyValues(NodeObservationContext context) {
			return ((PreparedContext) context).identifiers;
		}

	}

}

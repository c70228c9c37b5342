package dev.railtracks.autoconfigure.observation;

import java.lang.reflect.Field;
import java.util.List;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import dev.railtracks.observation.DefaultNodeObservationConvention;
import dev.railtracks.observation.NodeObservationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NodeMeterObservationHandler}.
 */
class NodeMeterObservationHandlerTests {

	private static ObservationRegistry registry(ObservationHandler<?> handler) {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig()
			.observationHandler(handler)
			.observationFilter((context) -> context.addLowCardinalityKeyValue(KeyValue.of("region", "eu")));
		return registry;
	}

	private static void observeNodes(ObservationRegistry registry) {
		observeNode(registry, "length", null);
		observeNode(registry, "length", null);
		observeNode(registry, "broken", new IllegalStateException("broken"));
	}

	private static void observeNode(ObservationRegistry registry, String nodeName, Throwable error) {
		NodeObservationContext context = new NodeObservationContext(nodeName, "Tool", "session-1", "request-1");
		Observation observation = Observation.createNotStarted(null, DefaultNodeObservationConvention.INSTANCE,
				() -> context, registry);
		observation.start();
		context.setOutcome((error != null) ? "failure" : "success");
		if (error != null) {
			observation.error(error);
		}
		observation.stop();
	}

	private static List<Meter.Id> ids(MeterRegistry meters, String type) {
		return meters.getMeters()
			.stream()
			.map(Meter::getId)
			.filter((id) -> id.getType().name().equals(type))
			.toList();
	}

	@Test
	void recordsTheTimersBootsHandlerRecordsWithoutTheLongTaskTimer() {
		SimpleMeterRegistry ours = new SimpleMeterRegistry();
		SimpleMeterRegistry boots = new SimpleMeterRegistry();
		observeNodes(registry(new NodeMeterObservationHandler(ours)));
		observeNodes(registry(new DefaultMeterObservationHandler(boots)));
		assertThat(ids(ours, "TIMER")).hasSize(2).containsExactlyInAnyOrderElementsOf(ids(boots, "TIMER"));
		assertThat(ids(boots, "LONG_TASK_TIMER")).isNotEmpty();
		assertThat(ids(ours, "LONG_TASK_TIMER")).isEmpty();
		assertThat(ours.get("railtracks.node").tags("railtracks.node.name", "length", "region", "eu").timer().count())
			.isEqualTo(2);
		assertThat(ours.get("railtracks.node").tags("outcome", "failure", "error", "IllegalStateException").timer()
			.count()).isEqualTo(1);
	}

	@Test
	void aRemovedTimerIsRegisteredAgain() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ObservationRegistry registry = registry(new NodeMeterObservationHandler(meters));
		observeNode(registry, "length", null);
		meters.remove(meters.get("railtracks.node").timer());
		observeNode(registry, "length", null);
		assertThat(meters.get("railtracks.node").timer().count()).isEqualTo(1);
	}

	@Test
	void aMeterFilterAddedAfterTheFirstCallAppliesAtALaterLookup() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ObservationRegistry registry = registry(new NodeMeterObservationHandler(meters));
		observeNode(registry, "length", null);
		meters.config().meterFilter(MeterFilter.commonTags(Tags.of("zone", "b")));
		// A lookup is drawn on one call in LOOKUP_EVERY: none in 64 times that many calls has odds of about e^-64.
		int calls = 0;
		while (calls < 64 * NodeMeterObservationHandler.LOOKUP_EVERY
				&& meters.find("railtracks.node").tags("zone", "b").timer() == null) {
			observeNode(registry, "length", null);
			calls++;
		}
		Timer filtered = meters.get("railtracks.node").tags("zone", "b").timer();
		assertThat(filtered.count()).isPositive();
		assertThat(meters.get("railtracks.node").timers().stream().mapToLong(Timer::count).sum()).isEqualTo(calls + 1);
	}

	@Test
	void countsEventsAsBootsHandlerDoes() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ObservationRegistry registry = registry(new NodeMeterObservationHandler(meters));
		NodeObservationContext context = new NodeObservationContext("length", "Tool", "session-1", "request-1");
		Observation observation = Observation
			.createNotStarted(null, DefaultNodeObservationConvention.INSTANCE, () -> context, registry)
			.start();
		observation.event(Observation.Event.of("retried"));
		observation.stop();
		assertThat(meters.get("railtracks.node.retried").tag("railtracks.node.name", "length").counter().count())
			.isEqualTo(1);
	}

	/**
	 * Micrometer cannot take a listener back: handlers made and closed on one registry must not pile listeners up on
	 * it, and a closed handler must not stay reachable from it.
	 */
	@Test
	void handlersOnOneRegistryShareOneListenerWhichAClosedHandlerLeaves() throws Exception {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		int before = meterRemovedListeners(meters).size();
		NodeMeterObservationHandler first = new NodeMeterObservationHandler(meters);
		NodeMeterObservationHandler open = new NodeMeterObservationHandler(meters);
		first.close();
		new NodeMeterObservationHandler(meters).close();
		assertThat(meterRemovedListeners(meters)).hasSize(before + 1);
		assertThat(NodeMeterObservationHandler.listeningTo(meters)).isEqualTo(1);
		// The open handler still forgets a timer removed from the registry.
		ObservationRegistry registry = registry(open);
		observeNode(registry, "length", null);
		meters.remove(meters.get("railtracks.node").timer());
		observeNode(registry, "length", null);
		assertThat(meters.get("railtracks.node").timer().count()).isEqualTo(1);
		open.close();
		open.close();
		assertThat(NodeMeterObservationHandler.listeningTo(meters)).isZero();
	}

	/** Micrometer's own list: it has no way to read or remove listeners. */
	@SuppressWarnings("unchecked")
	private static List<Object> meterRemovedListeners(MeterRegistry meters) throws ReflectiveOperationException {
		Field listeners = MeterRegistry.class.getDeclaredField("meterRemovedListeners");
		listeners.setAccessible(true);
		return (List<Object>) listeners.get(meters);
	}

	@Test
	void handlesNodeObservationsOnly() {
		NodeMeterObservationHandler handler = new NodeMeterObservationHandler(new SimpleMeterRegistry());
		assertThat(handler.supportsContext(new NodeObservationContext("length", "Tool", "s", "r"))).isTrue();
		assertThat(handler.supportsContext(new Observation.Context())).isFalse();
	}

}

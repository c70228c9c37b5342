package dev.railtracks.autoconfigure.observation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler.IgnoredMeters;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import dev.railtracks.observation.DefaultNodeObservationConvention;
import dev.railtracks.observation.NodeObservationContext;

/**
 * Turns {@code railtracks.node} observations into the {@code railtracks.node} timer, with the same tags as Spring
 * Boot's {@link DefaultMeterObservationHandler} (the observation's low-cardinality key values after its filters, and
 * {@code error}), but without the {@code railtracks.node.active} long task timer that handler starts for every
 * observation: a node call is usually over in microseconds, so a gauge of running node calls tells little and costs
 * about a quarter of an observed node's time. The timer of each set of tags is looked up in the registry once and kept,
 * looked up again on one call in {@value #LOOKUP_EVERY} chosen at random (or when a meter is removed from the
 * registry), where Boot's handler builds the tags and looks the timer up on every call. The draw is per thread: no
 * count shared between threads is written on a node call. Events of node observations are counted as Boot's handler counts them.
 *
 * <p>A {@code MeterFilter} added to the registry after node timers were registered (Micrometer logs a warning: filters
 * belong before the first meter) applies to them at their next lookup, as Micrometer applies it to any meter looked up
 * again: after {@value #LOOKUP_EVERY} calls of each set of tags on average. Micrometer offers no notice of a new filter, and
 * looking the timer up on every call would cost about as much as the rest of the handler.
 *
 * <p>Boot asks its meter handlers in order and the first that supports a context handles it: this one, ordered ahead
 * of Boot's, takes the node observations and leaves every other observation (sessions, model calls, HTTP requests)
 * to Boot's handler.
 *
 * <p>Micrometer cannot take back a listener once added, so every handler of a registry shares one meter-removed
 * listener; {@link #close} (which Spring calls when the context closes) takes the handler off it, so that handlers
 * made and closed on a shared registry (a global one, a context refreshed in tests) neither pile up listeners on it
 * nor stay reachable from it.
 *
 * @author Railtracks
 * @since 0.1.0
 */
public final class NodeMeterObservationHandler
		implements MeterObservationHandler<NodeObservationContext>, AutoCloseable {

	/** The one meter-removed listener of each registry with handlers, by registry identity. */
	private static final Map<MeterRegistry, ForgetKeptTimers> LISTENERS = new WeakHashMap<>();

	private final MeterRegistry registry;

	private final DefaultMeterObservationHandler events;

	/** A kept timer is looked up in the registry again on one call in this many, on average. */
	static final int LOOKUP_EVERY = 1024;

	private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

	/**
	 * A handler recording node timers into a registry.
	 * @param registry the registry
	 */
	public NodeMeterObservationHandler(MeterRegistry registry) {
		this.registry = registry;
		this.events = new DefaultMeterObservationHandler(registry, IgnoredMeters.LONG_TASK_TIMER);
		// A kept timer must not outlive its place in the registry.
		synchronized (LISTENERS) {
			LISTENERS.computeIfAbsent(registry, (meters) -> {
				ForgetKeptTimers listener = new ForgetKeptTimers();
				meters.config().onMeterRemoved(listener);
				return listener;
			}).handlers.add(this);
		}
	}

	/**
	 * Stops listening for meters removed from the registry (the registry's listener stays, shared and without this
	 * handler) and forgets the kept timers. Closing twice does nothing more.
	 */
	@Override
	public void close() {
		synchronized (LISTENERS) {
			ForgetKeptTimers listener = LISTENERS.get(this.registry);
			if (listener != null) {
				listener.handlers.remove(this);
			}
		}
		this.timers.clear();
	}

	/** How many open handlers the registry's meter-removed listener tells; for tests. */
	static int listeningTo(MeterRegistry registry) {
		synchronized (LISTENERS) {
			ForgetKeptTimers listener = LISTENERS.get(registry);
			return (listener != null) ? listener.handlers.size() : 0;
		}
	}

	@Override
	public void onStart(NodeObservationContext context) {
		context.put(Timer.Sample.class, Timer.start(this.registry));
	}

	@Override
	public void onStop(NodeObservationContext context) {
		Timer.Sample sample = context.getRequired(Timer.Sample.class);
		sample.stop(timer(context));
	}

	@Override
	public void onEvent(Observation.Event event, NodeObservationContext context) {
		this.events.onEvent(event, context);
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof NodeObservationContext;
	}

	private Timer timer(NodeObservationContext context) {
		Throwable error = context.getError();
		TimerKey key = new TimerKey(context.getName(), context.getLowCardinalityKeyValues(),
				(error != null) ? error.getClass().getSimpleName() : KeyValue.NONE_VALUE);
		Timer kept = this.timers.get(key);
		if (kept == null || ThreadLocalRandom.current().nextInt(LOOKUP_EVERY) == 0) {
			kept = register(key);
			this.timers.put(key, kept);
		}
		return kept;
	}

	/** The timer Boot's handler would record into: the name, a tag per key value and {@code error}. */
	private Timer register(TimerKey key) {
		List<Tag> tags = new ArrayList<>();
		key.keyValues().forEach((keyValue) -> tags.add(Tag.of(keyValue.getKey(), keyValue.getValue())));
		tags.add(Tag.of("error", key.error()));
		String name = key.name();
		return this.registry.timer((name != null) ? name : DefaultNodeObservationConvention.DEFAULT_NAME, tags);
	}

	/** A registry's one meter-removed listener: the open handlers on it forget the timers they kept. */
	private static final class ForgetKeptTimers implements Consumer<Meter> {

		private final List<NodeMeterObservationHandler> handlers = new CopyOnWriteArrayList<>();

		@Override
		public void accept(Meter meter) {
			this.handlers.forEach((handler) -> handler.timers.clear());
		}

	}

	/** What tells one node timer from another. */
	private record TimerKey(@Nullable String name, KeyValues keyValues, String error) {
	}

}

package dev.railtracks.autoconfigure.durable;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.util.function.SingletonSupplier;

import dev.railtracks.Flow;
import dev.railtracks.durable.Durability;
import dev.railtracks.durable.DurableFlow;

/**
 * The application's durable flows: every {@code Flow} bean built with {@code Flow.builder(...).durable()} and every
 * flow declared with {@code railtracks.flows.<name>.durable=true}, each registered with the application's
 * {@link Durability} before DBOS is launched (launching recovers unfinished runs, which needs their flows). Run them
 * here, with an idempotency key; {@code Flow.invoke} on a durable flow refuses, so that it never runs without
 * checkpoints.
 *
 * <pre>{@code
 * @Bean
 * Flow<String> planning(SessionFactory sessions, Agent<String> planner) {
 *     return sessions.flow("planning", planner).durable().build();
 * }
 *
 * String plan = durableFlows.<String>get("planning").invoke(orderId, "a trip to Lisbon"); // once per order id
 * }</pre>
 */
public final class DurableFlows {

	private final Durability durability;

	private final Supplier<Collection<Flow<?>>> candidates;

	/** Registered on first use or before DBOS is launched, whichever comes first. */
	private final SingletonSupplier<Map<String, DurableFlow<?>>> flows = SingletonSupplier.of(this::register);

	/**
	 * The durable flows among some flows.
	 * @param durability where the durable flows are registered
	 * @param flows the application's flows, durable or not; read once, on first use or before DBOS is launched
	 */
	public DurableFlows(Durability durability, Supplier<Collection<Flow<?>>> flows) {
		this.durability = durability;
		this.candidates = flows;
	}

	/**
	 * The durable flow with the given name.
	 * @param <O> the flow's result type, as the caller expects it
	 * @param name the flow's name
	 * @return the durable flow
	 * @throws NoSuchElementException when no durable flow has that name
	 */
	@SuppressWarnings("unchecked")
	public <O> DurableFlow<O> get(String name) {
		DurableFlow<?> flow = flows().get(name);
		if (flow == null) {
			throw new NoSuchElementException("No durable flow named '" + name + "'; durable flows: " + names()
					+ ". Build the Flow bean with Flow.builder(...).durable(), or set railtracks.flows." + name
					+ ".durable=true");
		}
		return (DurableFlow<O>) flow;
	}

	/**
	 * The names of the durable flows.
	 * @return the names
	 */
	public Set<String> names() {
		return flows().keySet();
	}

	/** Registers every durable flow, before DBOS is launched. */
	void registerAll() {
		flows();
	}

	private Map<String, DurableFlow<?>> flows() {
		return this.flows.obtain();
	}

	private Map<String, DurableFlow<?>> register() {
		Map<String, DurableFlow<?>> registered = new LinkedHashMap<>();
		for (Flow<?> flow : this.candidates.get()) {
			if (flow.durable()) {
				// Two durable flows of one name fail here: a flow's name is its DBOS workflow's.
				registered.put(flow.name(), this.durability.register(flow));
			}
		}
		return Collections.unmodifiableMap(registered);
	}

}

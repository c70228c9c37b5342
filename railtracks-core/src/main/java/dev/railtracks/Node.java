package dev.railtracks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.railtracks.support.Ids;
import dev.railtracks.info.NodeType;

/**
 * The unit that runs, records and can be called. One instance is created per invocation, from the call's arguments
 * by a matching constructor (see {@link NodeDefinition#of(Class)}), and {@link #invoke()} runs it.
 *
 * <pre>{@code
 * public class Greet extends Node<String> {
 *     private final String who;
 *     public Greet(String who) { this.who = who; }
 *     protected String invoke() { return "Hello " + who; }
 * }
 * }</pre>
 *
 * <p>Inside {@code invoke()} a node calls other nodes with {@link Railtracks#call(NodeDefinition, Object...)}.
 *
 * @param <O> the type of the node's result
 */
public abstract class Node<O> {

	private final long idHigh = Ids.randomHigh();

	private final long idLow = Ids.randomLow();

	private volatile @Nullable String identifier;

	/** Replaced, never changed, on each recorded detail: the engine reads it twice per node without a lock. */
	private volatile Map<String, Object> details = Map.of();

	/**
	 * Runs the node. Called once, by the engine, on a thread that carries the session's scope.
	 * @return the result handed to the caller and recorded as the request's output
	 * @throws Exception any failure; it is recorded and thrown to the caller
	 */
	public abstract O invoke() throws Exception;

	/**
	 * The display name recorded in the execution state and logs.
	 * @return the class's simple name unless overridden
	 */
	public String name() {
		return defaultName(getClass());
	}

	/**
	 * The kind of node recorded in the saved state.
	 * @return {@link NodeType#OTHER} unless overridden
	 */
	public NodeType type() {
		return NodeType.OTHER;
	}

	/**
	 * This invocation's unique identifier (a UUID string).
	 * @return the node id
	 */
	public final String identifier() {
		String id = this.identifier;
		if (id == null) {
			// Formatted on first use: most invocations never need their id as text.
			id = Ids.format(this.idHigh, this.idLow);
			this.identifier = id;
		}
		return id;
	}

	/**
	 * This invocation's identifier as a UUID: the value {@link #identifier()} formats, for compact storage.
	 * @return the node id
	 */
	public final UUID uuid() {
		return new UUID(this.idHigh, this.idLow);
	}

	/**
	 * Records a debug detail that appears under {@code details.internals} in the saved state, e.g. LLM round trips.
	 * @param key the detail's name; {@code latency} is reserved for the engine
	 * @param value the detail, serialised as JSON
	 */
	protected final synchronized void recordDetail(String key, @Nullable Object value) {
		if ("latency".equals(key)) {
			throw new IllegalArgumentException("Detail key 'latency' is reserved: the engine records it");
		}
		Map<String, Object> details = new LinkedHashMap<>(this.details);
		details.put(key, value);
		this.details = Collections.unmodifiableMap(details);
	}

	/**
	 * The details recorded so far, as they are now: later details do not change the returned map.
	 * @return an unmodifiable map, empty when none were recorded
	 */
	public final Map<String, Object> details() {
		return this.details;
	}

	@Override
	public String toString() {
		return name() + " " + identifier();
	}

	static String defaultName(Class<?> type) {
		String simple = type.getSimpleName();
		return simple.isEmpty() ? type.getName() : simple;
	}

}

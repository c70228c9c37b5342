package dev.railtracks.info;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One version of a node in the {@link NodeForest}: the node as it was when its request was created, and again when
 * it finished. Immutable, and holds nothing of the engine or of the node object itself, so a kept record pins no
 * session. The record keeps a node's versions inside its request's versions; {@link RequestTemplate#nodeVersion()}
 * makes this view of them when asked.
 */
public final class LinkedNode implements Versioned<LinkedNode> {

	private final String identifier;

	private final String name;

	private final NodeType nodeType;

	private final Stamp stamp;

	private final Map<String, Object> details;

	private final long latencyNanos;

	private final @Nullable LinkedNode parent;

	/**
	 * A node version.
	 * @param identifier the node's id
	 * @param name the node's name
	 * @param nodeType the node's type
	 * @param stamp when this version was made
	 * @param details the node's recorded details at that time, immutable
	 * @param latencyNanos how long the node ran, or {@code -1} while it has not finished
	 * @param parent the previous version, or {@code null} for the first
	 */
	LinkedNode(String identifier, String name, NodeType nodeType, Stamp stamp, Map<String, Object> details,
			long latencyNanos, @Nullable LinkedNode parent) {
		this.identifier = identifier;
		this.name = name;
		this.nodeType = nodeType;
		this.stamp = stamp;
		this.details = details;
		this.latencyNanos = latencyNanos;
		this.parent = parent;
	}

	@Override
	public String identifier() {
		return this.identifier;
	}

	/**
	 * The node's name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * The node's type.
	 * @return the type
	 */
	public NodeType nodeType() {
		return this.nodeType;
	}

	@Override
	public Stamp stamp() {
		return this.stamp;
	}

	@Override
	public @Nullable LinkedNode parent() {
		return this.parent;
	}

	/**
	 * How long the node ran.
	 * @return nanoseconds, or {@code -1} while it has not finished
	 */
	public long latencyNanos() {
		return this.latencyNanos;
	}

	/**
	 * The node's details as saved: {@code latency} (once finished) then what the node recorded.
	 * @return the details
	 */
	public Map<String, Object> internals() {
		Map<String, Object> internals = new LinkedHashMap<>();
		if (this.latencyNanos >= 0) {
			internals.put("latency", Map.of("total_time", this.latencyNanos / 1e9));
		}
		internals.putAll(this.details);
		return internals;
	}

	/**
	 * This version as a graph vertex, with its predecessors.
	 * @return the vertex
	 */
	public Vertex toVertex() {
		return new Vertex(this.identifier, this.nodeType.jsonName(), this.name, this.stamp, internals(),
				(this.parent != null) ? this.parent.toVertex() : null);
	}

	/** Versions are values, made when read: two reads of one version are equal. */
	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof LinkedNode that) && this.identifier.equals(that.identifier)
				&& this.stamp.equals(that.stamp) && this.name.equals(that.name) && this.nodeType == that.nodeType
				&& this.latencyNanos == that.latencyNanos && this.details.equals(that.details)
				&& Objects.equals(this.parent, that.parent);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.identifier, this.stamp);
	}

	@Override
	public String toString() {
		return "LinkedNode[" + this.name + " " + this.identifier + " at step " + this.stamp.step() + "]";
	}

}

package dev.railtracks.state;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.railtracks.Node;
import dev.railtracks.NodeType;

/**
 * One immutable version of a node: recorded when the node is created and again when it finishes, each version
 * pointing at the one before. Instead of deep-copying the node object per version, each version keeps a copy of the
 * node's debug details as they were.
 */
public final class LinkedNode implements Versioned<LinkedNode> {

	private final RequestRecord record;

	private final Stamp stamp;

	private final Map<String, Object> details;

	private final long latencyNanos;

	private final @Nullable LinkedNode parent;

	LinkedNode(RequestRecord record, Stamp stamp, Map<String, Object> details, long latencyNanos,
			@Nullable LinkedNode parent) {
		this.record = record;
		this.stamp = stamp;
		this.details = details;
		this.latencyNanos = latencyNanos;
		this.parent = parent;
	}

	/**
	 * The node's identifier, shared by all its versions.
	 * @return the node id
	 */
	@Override
	public String identifier() {
		return this.record.node.identifier();
	}

	/**
	 * The node's name.
	 * @return the name
	 */
	public String name() {
		return this.record.nodeName;
	}

	/**
	 * The node's type.
	 * @return the type
	 */
	public NodeType nodeType() {
		return this.record.node.type();
	}

	/**
	 * The node object itself (the same object for every version).
	 * @return the node
	 */
	public Node<?> node() {
		return this.record.node;
	}

	/**
	 * When this version was recorded.
	 * @return the stamp
	 */
	@Override
	public Stamp stamp() {
		return this.stamp;
	}

	/**
	 * The previous version, or {@code null} for the first.
	 * @return the parent version
	 */
	@Override
	public @Nullable LinkedNode parent() {
		return this.parent;
	}

	/**
	 * How long the invocation took, or {@code -1} on versions recorded before it finished.
	 * @return latency in nanoseconds
	 */
	public long latencyNanos() {
		return this.latencyNanos;
	}

	/**
	 * The debug details of this version: {@code latency} once finished, then whatever the node recorded.
	 * @return a new map
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
	 * This version as a graph vertex, with its earlier versions as parents.
	 * @return the vertex
	 */
	public Vertex toVertex() {
		return new Vertex(identifier(), nodeType().jsonName(), name(), this.stamp, internals(),
				(this.parent != null) ? this.parent.toVertex() : null);
	}

	@Override
	public String toString() {
		return "LinkedNode[" + name() + " " + identifier() + " at step " + this.stamp.step() + "]";
	}

}

package dev.railtracks.info;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One version of a node in the {@link NodeForest}: the node as it was when its request was created, and again when
 * it finished. Immutable, and holds nothing of the engine or of the node object itself, so a kept record pins no
 * session. The record keeps a node's versions inside its request's versions: this is a view of the request version
 * it was recorded with, which {@link RequestTemplate#nodeVersion()} makes when asked, and its id text, stamp and
 * parent are made from that version when read.
 */
public final class LinkedNode implements Versioned<LinkedNode> {

	/** The request version this node version was recorded with, which holds all of it. */
	private final RequestTemplate request;

	/**
	 * The node version recorded with a request version.
	 * @param request that request version
	 */
	LinkedNode(RequestTemplate request) {
		this.request = request;
	}

	@Override
	public String identifier() {
		return this.request.sinkId();
	}

	/**
	 * The node's name.
	 * @return the name
	 */
	public String name() {
		return this.request.sinkName();
	}

	/**
	 * The node's type.
	 * @return the type
	 */
	public NodeType nodeType() {
		return this.request.sinkType();
	}

	@Override
	public Stamp stamp() {
		return this.request.stamp();
	}

	@Override
	public @Nullable LinkedNode parent() {
		RequestTemplate previous = this.request.parent();
		return (previous != null) ? new LinkedNode(previous) : null;
	}

	/**
	 * How long the node ran.
	 * @return nanoseconds, or {@code -1} while it has not finished
	 */
	public long latencyNanos() {
		return this.request.nodeLatencyNanos();
	}

	/**
	 * The node's details as saved: {@code latency} (once finished) then what the node recorded.
	 * @return the details
	 */
	public Map<String, Object> internals() {
		Map<String, Object> internals = new LinkedHashMap<>();
		long latencyNanos = latencyNanos();
		if (latencyNanos >= 0) {
			internals.put("latency", Map.of("total_time", latencyNanos / 1e9));
		}
		internals.putAll(this.request.nodeDetails());
		return internals;
	}

	/**
	 * This version as a graph vertex, with its predecessors.
	 * @return the vertex
	 */
	public Vertex toVertex() {
		return toVertex(identifier());
	}

	/** The vertex, with the id's text made once for all versions. */
	private Vertex toVertex(String identifier) {
		LinkedNode parent = parent();
		return new Vertex(identifier, nodeType().jsonName(), name(), stamp(), internals(),
				(parent != null) ? parent.toVertex(identifier) : null);
	}

	/** Versions are values, made when read: two reads of one version are equal. */
	@Override
	public boolean equals(@Nullable Object other) {
		if (!(other instanceof LinkedNode that)) {
			return false;
		}
		return (this.request == that.request) || (identifier().equals(that.identifier())
				&& stamp().equals(that.stamp()) && name().equals(that.name()) && nodeType() == that.nodeType()
				&& latencyNanos() == that.latencyNanos()
				&& this.request.nodeDetails().equals(that.request.nodeDetails())
				&& Objects.equals(parent(), that.parent()));
	}

	@Override
	public int hashCode() {
		return Objects.hash(identifier(), stamp());
	}

	@Override
	public String toString() {
		return "LinkedNode[" + name() + " " + identifier() + " at step " + this.request.step() + "]";
	}

}

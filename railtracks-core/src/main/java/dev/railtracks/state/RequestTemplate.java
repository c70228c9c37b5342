package dev.railtracks.state;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One immutable version of a request: the call of a node by another (or by the user, for a top-level request). A
 * request gets a version when it is created and one when it finishes, each pointing at the one before.
 */
public final class RequestTemplate implements Versioned<RequestTemplate> {

	private final RequestRecord record;

	private final LinkedNode nodeVersion;

	private final @Nullable Object output;

	private final RequestStatus status;

	private final Stamp stamp;

	private final @Nullable RequestTemplate parent;

	RequestTemplate(RequestRecord record, LinkedNode nodeVersion, @Nullable Object output, RequestStatus status,
			Stamp stamp, @Nullable RequestTemplate parent) {
		this.record = record;
		this.nodeVersion = nodeVersion;
		this.output = output;
		this.status = status;
		this.stamp = stamp;
		this.parent = parent;
	}

	/**
	 * The request's identifier, shared by all its versions.
	 * @return the request id
	 */
	@Override
	public String identifier() {
		return this.record.id;
	}

	/**
	 * The calling node's id; {@code null} for a top-level (insertion) request.
	 * @return the source node id
	 */
	public @Nullable String sourceId() {
		return this.record.callerNodeId();
	}

	/**
	 * The called node's id.
	 * @return the sink node id
	 */
	public String sinkId() {
		return this.record.node.identifier();
	}

	/** The version of the called node recorded together with this version of the request. */
	LinkedNode nodeVersion() {
		return this.nodeVersion;
	}

	/**
	 * The called node's name.
	 * @return the sink's name
	 */
	public String sinkName() {
		return this.record.nodeName;
	}

	/**
	 * The arguments of the call.
	 * @return an unmodifiable list
	 */
	public List<@Nullable Object> inputArgs() {
		return Collections.unmodifiableList(Arrays.<@Nullable Object>asList(this.record.args));
	}

	/**
	 * Named arguments; Java calls are positional, so always empty. Kept for the saved-state format.
	 * @return an empty map
	 */
	public Map<String, Object> inputKwargs() {
		return Map.of();
	}

	/**
	 * The result, the {@link Failure}, or {@code null} (open, or a node that returned {@code null}).
	 * @return the output
	 */
	public @Nullable Object output() {
		return this.output;
	}

	/**
	 * Where the request stands.
	 * @return the status
	 */
	public RequestStatus status() {
		return this.status;
	}

	/**
	 * Whether the request has finished.
	 * @return {@code true} unless open
	 */
	public boolean isClosed() {
		return this.status != RequestStatus.OPEN;
	}

	/**
	 * Whether this is a top-level request, made by the user rather than by a node.
	 * @return {@code true} when there is no source
	 */
	public boolean isInsertion() {
		return this.record.caller == null;
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
	public @Nullable RequestTemplate parent() {
		return this.parent;
	}

	/**
	 * The first version of this request.
	 * @return the oldest version
	 */
	public RequestTemplate terminalParent() {
		RequestTemplate oldest = this;
		while (oldest.parent != null) {
			oldest = oldest.parent;
		}
		return oldest;
	}

	/**
	 * Seconds from the request's creation to this version.
	 * @return the duration in seconds
	 */
	public double durationDetail() {
		return this.stamp.time() - terminalParent().stamp.time();
	}

	/**
	 * This version as a graph edge, with its earlier versions as parents.
	 * @return the edge
	 */
	public Edge toEdge() {
		return new Edge(sourceId(), sinkId(), identifier(), this.stamp, inputArgs(), this.status, this.output,
				(this.parent != null) ? this.parent.toEdge() : null);
	}

	@Override
	public String toString() {
		return "RequestTemplate[" + identifier() + " " + this.record.callerName() + " -> " + sinkName() + " "
				+ this.status.jsonName() + " at step " + this.stamp.step() + "]";
	}

}

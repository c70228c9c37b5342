package dev.railtracks.info;

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

	private final String identifier;

	private final @Nullable String sourceId;

	/** A private copy, wrapped read-only when asked for: two list wrappers per request would cost more than it. */
	private final @Nullable Object[] inputArgs;

	private final LinkedNode nodeVersion;

	private final @Nullable Object output;

	private final RequestStatus status;

	private final Stamp stamp;

	private final @Nullable RequestTemplate parent;

	private RequestTemplate(String identifier, @Nullable String sourceId, @Nullable Object[] inputArgs,
			LinkedNode nodeVersion, @Nullable Object output, RequestStatus status, Stamp stamp,
			@Nullable RequestTemplate parent) {
		this.identifier = identifier;
		this.sourceId = sourceId;
		this.inputArgs = inputArgs;
		this.nodeVersion = nodeVersion;
		this.output = output;
		this.status = status;
		this.stamp = stamp;
		this.parent = parent;
	}

	/**
	 * The first version of a request: open, made when the request is created.
	 * @param identifier the request's id
	 * @param sourceId the calling node's id, or {@code null} for a top-level request
	 * @param inputArgs the call's arguments (copied)
	 * @param nodeVersion the called node's first version
	 * @return the open request
	 */
	public static RequestTemplate created(String identifier, @Nullable String sourceId, @Nullable Object[] inputArgs,
			LinkedNode nodeVersion) {
		return new RequestTemplate(identifier, sourceId, inputArgs.clone(), nodeVersion, null, RequestStatus.OPEN,
				nodeVersion.stamp(), null);
	}

	/**
	 * The next version of this request, when it has finished.
	 * @param nodeVersion the called node's version at that time
	 * @param output the result, or a {@link Failure}
	 * @param status the new status
	 * @return the new version, whose parent is this one
	 */
	public RequestTemplate next(LinkedNode nodeVersion, @Nullable Object output, RequestStatus status) {
		return new RequestTemplate(this.identifier, this.sourceId, this.inputArgs, nodeVersion, output, status,
				nodeVersion.stamp(), this);
	}

	/**
	 * The request's identifier, shared by all its versions.
	 * @return the request id
	 */
	@Override
	public String identifier() {
		return this.identifier;
	}

	/**
	 * The calling node's id; {@code null} for a top-level (insertion) request.
	 * @return the source node id
	 */
	public @Nullable String sourceId() {
		return this.sourceId;
	}

	/**
	 * The called node's id.
	 * @return the sink node id
	 */
	public String sinkId() {
		return this.nodeVersion.identifier();
	}

	/**
	 * The called node's version recorded with this request version.
	 * @return the node version
	 */
	public LinkedNode nodeVersion() {
		return this.nodeVersion;
	}

	/**
	 * The called node's name.
	 * @return the sink's name
	 */
	public String sinkName() {
		return this.nodeVersion.name();
	}

	/**
	 * The arguments of the call.
	 * @return an unmodifiable list
	 */
	public List<@Nullable Object> inputArgs() {
		return Collections.unmodifiableList(Arrays.<@Nullable Object>asList(this.inputArgs));
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
		return this.sourceId == null;
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
		return "RequestTemplate[" + identifier() + " " + ((this.sourceId != null) ? this.sourceId : "START") + " -> " + sinkName() + " "
				+ this.status.jsonName() + " at step " + this.stamp.step() + "]";
	}

}

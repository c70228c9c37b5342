package dev.railtracks.info;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.railtracks.support.EpochClock;
import dev.railtracks.support.Ids;

/**
 * One immutable version of a request: the call of a node by another (or by the user, for a top-level request). A
 * request gets a version when it is created and one when it finishes, the second pointing at the first.
 *
 * <p>A version also carries its node's version ({@link #nodeVersion()}) and its {@link #stamp()}: a recorded request
 * is one or two objects holding identifiers as numbers and stamps as step and time, and the node versions, stamps
 * and identifier texts are made when read. That keeps a held record small and recording cheap.
 */
public abstract sealed class RequestTemplate implements Versioned<RequestTemplate> {

	private static final Object[] NO_ARGS = {};

	private final long step;

	private final long epochNanos;

	private RequestTemplate(long step, long epochNanos) {
		this.step = step;
		this.epochNanos = epochNanos;
	}

	/**
	 * The first version of a request: open, made when the request is created; the engine's, through
	 * {@link dev.railtracks.info.access.RecordWriter}.
	 * @param caller any version of the calling node's request, or {@code null} for a top-level request
	 * @param nodeHigh the called node's id, most significant bits ({@link Ids})
	 * @param nodeLow the called node's id, least significant bits
	 * @param name the called node's name
	 * @param nodeType the called node's type
	 * @param inputArgs the call's arguments (copied, so that a caller reusing its array cannot rewrite history)
	 * @param details the node's details at creation, immutable
	 * @param step the step this version is recorded at, from the session's {@link StampManager}
	 * @param epochNanos when, from {@link EpochClock}
	 * @return the open request, with a new random id
	 */
	static RequestTemplate created(@Nullable RequestTemplate caller, long nodeHigh, long nodeLow, String name,
			NodeType nodeType, @Nullable Object[] inputArgs, Map<String, Object> details, long step, long epochNanos) {
		return new Created((caller != null) ? caller.first() : null, nodeHigh, nodeLow, name, nodeType,
				(inputArgs.length == 0) ? NO_ARGS : inputArgs.clone(), details, step, epochNanos);
	}

	/**
	 * The version of this open request when its node has finished, with its own outcome.
	 * @param output the result, or a {@link Failure}
	 * @param status {@link RequestStatus#COMPLETED} or {@link RequestStatus#FAILED}
	 * @param details the node's details at that time, immutable
	 * @param latencyNanos how long the node ran
	 * @param step the step this version is recorded at
	 * @param epochNanos when
	 * @return the new version, whose parent is this one, stamped "Finished executing &lt;node&gt;"
	 */
	RequestTemplate finished(@Nullable Object output, RequestStatus status, Map<String, Object> details,
			long latencyNanos, long step, long epochNanos) {
		return new Finished(first(), output, status, false, details, latencyNanos, step, epochNanos);
	}

	/**
	 * The version of this open request when it was ended from outside (cancelled, timed out, ended with its run).
	 * @param failure why
	 * @param details the node's details at that time, immutable
	 * @param latencyNanos how long it had run
	 * @param step the step this version is recorded at
	 * @param epochNanos when
	 * @return the new, failed version, stamped "Cancelled request &lt;id&gt;" as the original does
	 */
	RequestTemplate cancelled(Failure failure, Map<String, Object> details, long latencyNanos, long step,
			long epochNanos) {
		return new Finished(first(), failure, RequestStatus.FAILED, true, details, latencyNanos, step, epochNanos);
	}

	/** The first version, which holds what every version of the request shares. */
	abstract Created first();

	/**
	 * The request's identifier, shared by all its versions.
	 * @return the request id
	 */
	@Override
	public String identifier() {
		Created first = first();
		return Ids.format(first.requestHigh, first.requestLow);
	}

	/**
	 * The calling node's id; {@code null} for a top-level (insertion) request.
	 * @return the source node id
	 */
	public @Nullable String sourceId() {
		Created caller = first().caller;
		return (caller != null) ? caller.sinkId() : null;
	}

	/**
	 * The called node's id.
	 * @return the sink node id
	 */
	public String sinkId() {
		Created first = first();
		return Ids.format(first.nodeHigh, first.nodeLow);
	}

	/** The request's id, most significant bits: what {@link #identifier()} formats, for finding it without the text. */
	long requestHigh() {
		return first().requestHigh;
	}

	/** The request's id, least significant bits. */
	long requestLow() {
		return first().requestLow;
	}

	/** The called node's id, most significant bits: what {@link #sinkId()} formats. */
	long nodeHigh() {
		return first().nodeHigh;
	}

	/** The called node's id, least significant bits. */
	long nodeLow() {
		return first().nodeLow;
	}

	/**
	 * The called node's id, as a UUID (what {@link #sinkId()} formats).
	 * @return the sink node id
	 */
	public UUID sinkUuid() {
		Created first = first();
		return new UUID(first.nodeHigh, first.nodeLow);
	}

	/**
	 * The called node's name.
	 * @return the sink's name
	 */
	public String sinkName() {
		return first().name;
	}

	/** The called node's type, read without making its version. */
	NodeType sinkType() {
		return first().nodeType;
	}

	/**
	 * The called node's version recorded with this request version, made when asked.
	 * @return the node version
	 */
	public LinkedNode nodeVersion() {
		return new LinkedNode(this);
	}

	/** The called node's details as recorded with this version. */
	abstract Map<String, Object> nodeDetails();

	/** How long the called node ran, as recorded with this version: {@code -1} while it has not finished. */
	abstract long nodeLatencyNanos();

	/**
	 * The arguments of the call.
	 * @return an unmodifiable list
	 */
	public List<@Nullable Object> inputArgs() {
		return Collections.unmodifiableList(Arrays.<@Nullable Object>asList(first().inputArgs));
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
	public abstract @Nullable Object output();

	/**
	 * Where the request stands.
	 * @return the status
	 */
	public abstract RequestStatus status();

	/**
	 * Whether the request has finished.
	 * @return {@code true} unless open
	 */
	public boolean isClosed() {
		return status() != RequestStatus.OPEN;
	}

	/**
	 * Whether this is a top-level request, made by the user rather than by a node.
	 * @return {@code true} when there is no source
	 */
	public boolean isInsertion() {
		return first().caller == null;
	}

	/**
	 * When this version was recorded, made when asked; equal to its node version's stamp.
	 * @return the stamp
	 */
	@Override
	public abstract Stamp stamp();

	/**
	 * The step this version was recorded at, without making its {@link Stamp}.
	 * @return the step
	 */
	public long step() {
		return this.step;
	}

	/**
	 * When this version was recorded, in nanoseconds since the epoch.
	 * @return epoch nanoseconds
	 */
	public long epochNanos() {
		return this.epochNanos;
	}

	/**
	 * The previous version, or {@code null} for the first.
	 * @return the parent version
	 */
	@Override
	public abstract @Nullable RequestTemplate parent();

	/**
	 * The first version of this request.
	 * @return the oldest version
	 */
	public RequestTemplate terminalParent() {
		return first();
	}

	/**
	 * Seconds from the request's creation to this version.
	 * @return the duration in seconds
	 */
	public double durationDetail() {
		return EpochClock.toSeconds(this.epochNanos) - EpochClock.toSeconds(first().epochNanos());
	}

	/**
	 * This version as a graph edge, with its earlier versions as parents.
	 * @return the edge
	 */
	public Edge toEdge() {
		RequestTemplate parent = parent();
		return new Edge(sourceId(), sinkId(), identifier(), stamp(), inputArgs(), status(), output(),
				(parent != null) ? parent.toEdge() : null);
	}

	@Override
	public String toString() {
		String source = sourceId();
		return "RequestTemplate[" + identifier() + " " + ((source != null) ? source : "START") + " -> " + sinkName()
				+ " " + status().jsonName() + " at step " + this.step + "]";
	}

	/** The open version, holding what all versions share: ids, caller, node name and type, arguments. */
	static final class Created extends RequestTemplate {

		private final long requestHigh = Ids.randomHigh();

		private final long requestLow = Ids.randomLow();

		private final long nodeHigh;

		private final long nodeLow;

		private final @Nullable Created caller;

		private final String name;

		private final NodeType nodeType;

		private final @Nullable Object[] inputArgs;

		private final Map<String, Object> details;

		private Created(@Nullable Created caller, long nodeHigh, long nodeLow, String name, NodeType nodeType,
				@Nullable Object[] inputArgs, Map<String, Object> details, long step, long epochNanos) {
			super(step, epochNanos);
			this.caller = caller;
			this.nodeHigh = nodeHigh;
			this.nodeLow = nodeLow;
			this.name = name;
			this.nodeType = nodeType;
			this.inputArgs = inputArgs;
			this.details = details;
		}

		@Override
		Created first() {
			return this;
		}

		@Override
		Map<String, Object> nodeDetails() {
			return this.details;
		}

		@Override
		long nodeLatencyNanos() {
			return -1;
		}

		@Override
		public @Nullable Object output() {
			return null;
		}

		@Override
		public RequestStatus status() {
			return RequestStatus.OPEN;
		}

		@Override
		public Stamp stamp() {
			return Stamp.created(step(), epochNanos(), (this.caller != null) ? this.caller.name : "START", this.name);
		}

		@Override
		public @Nullable RequestTemplate parent() {
			return null;
		}

	}

	/** The finished version: the outcome, how it ended, and the node's details and latency then. */
	static final class Finished extends RequestTemplate {

		private final Created first;

		private final @Nullable Object output;

		private final RequestStatus status;

		private final boolean cancelled;

		private final Map<String, Object> details;

		private final long latencyNanos;

		private Finished(Created first, @Nullable Object output, RequestStatus status, boolean cancelled,
				Map<String, Object> details, long latencyNanos, long step, long epochNanos) {
			super(step, epochNanos);
			this.first = first;
			this.output = output;
			this.status = status;
			this.cancelled = cancelled;
			this.details = details;
			this.latencyNanos = latencyNanos;
		}

		@Override
		Created first() {
			return this.first;
		}

		@Override
		Map<String, Object> nodeDetails() {
			return this.details;
		}

		@Override
		long nodeLatencyNanos() {
			return this.latencyNanos;
		}

		@Override
		public @Nullable Object output() {
			return this.output;
		}

		@Override
		public RequestStatus status() {
			return this.status;
		}

		@Override
		public Stamp stamp() {
			return this.cancelled ? Stamp.cancelled(step(), epochNanos(), identifier())
					: Stamp.finished(step(), epochNanos(), this.first.name);
		}

		@Override
		public RequestTemplate parent() {
			return this.first;
		}

	}

}

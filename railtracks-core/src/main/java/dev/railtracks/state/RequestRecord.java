package dev.railtracks.state;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import org.jspecify.annotations.Nullable;

import dev.railtracks.Node;

/**
 * The live entry of one request while the session runs: who called whom with what, and the newest recorded version
 * of the request (which points at the node version recorded with it). Versions themselves are immutable;
 * {@link RTState} snapshots the heads into forests when asked.
 */
final class RequestRecord {

	private static final AtomicReferenceFieldUpdater<RequestRecord, @Nullable Object> CLOSING = AtomicReferenceFieldUpdater
		.newUpdater(RequestRecord.class, Object.class, "closing");

	/** What {@link #closing} holds when the node's own outcome was recorded. */
	private static final Object FINISHED = new Object();

	final String id;

	final @Nullable RequestRecord caller;

	final Node<?> node;

	final String nodeName;

	final @Nullable Object[] args;

	final Run run;

	/** The newest version; one volatile field, so a snapshot never sees a node and its request out of step. */
	volatile RequestTemplate requestHead;

	/** How long the invocation took; written by the thread that ran it, before its completion is published. */
	long latencyNanos = -1;

	/** The result future of an asynchronous call, so that cancelling the request releases its caller at once. */
	volatile @Nullable CompletableFuture<Object> future;

	/** The delivery of this node's latest broadcast; its completion waits for it. */
	volatile @Nullable CompletableFuture<Void> lastBroadcast;

	/** {@code null} while open, {@link #FINISHED}, or the cause the request was cancelled with. */
	private volatile @Nullable Object closing;

	RequestRecord(String id, @Nullable RequestRecord caller, Node<?> node, String nodeName, @Nullable Object[] args, Run run,
			Stamp created) {
		this.id = id;
		this.caller = caller;
		this.node = node;
		this.nodeName = nodeName;
		this.args = args;
		this.run = run;
		LinkedNode firstNodeVersion = new LinkedNode(this, created, node.details(), -1, null);
		this.requestHead = new RequestTemplate(this, firstNodeVersion, null, RequestStatus.OPEN, created, null);
	}

	/** Claims the right to record the node's own outcome; fails when the request was already closed. */
	boolean claimFinish() {
		return CLOSING.compareAndSet(this, null, FINISHED);
	}

	/** Claims the right to record the request as cancelled with {@code cause}; the cause and the claim are one step. */
	boolean claimCancel(Throwable cause) {
		return CLOSING.compareAndSet(this, null, cause);
	}

	boolean isOpen() {
		return this.closing == null;
	}

	/** The cause the request was cancelled with, or {@code null} when it is open or finished on its own. */
	@Nullable Throwable cancelledWith() {
		return (this.closing instanceof Throwable cause) ? cause : null;
	}

	LinkedNode nodeHead() {
		return this.requestHead.nodeVersion();
	}

	@Nullable String callerNodeId() {
		return (this.caller != null) ? this.caller.node.identifier() : null;
	}

	String callerName() {
		return nameOf(this.caller);
	}

	/** How a request's creation names its caller: the calling node, or {@code START} for a top-level request. */
	static String nameOf(@Nullable RequestRecord caller) {
		return (caller != null) ? caller.nodeName : "START";
	}

	void finish(@Nullable Object output, RequestStatus status, Stamp stamp, long latencyNanos) {
		RequestTemplate previous = this.requestHead;
		LinkedNode node = new LinkedNode(this, stamp, this.node.details(), latencyNanos, previous.nodeVersion());
		this.requestHead = new RequestTemplate(this, node, output, status, stamp, previous);
	}

}

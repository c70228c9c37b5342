package dev.railtracks.state;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import org.jspecify.annotations.Nullable;

import dev.railtracks.Node;

/**
 * The live entry of one request while the session runs: who called whom with what, and the newest recorded
 * versions of the request and its node. Versions themselves are immutable; {@link RTState} snapshots the heads into
 * forests when asked.
 */
final class RequestRecord {

	private static final AtomicIntegerFieldUpdater<RequestRecord> CLOSED = AtomicIntegerFieldUpdater
		.newUpdater(RequestRecord.class, "closed");

	final String id;

	final @Nullable RequestRecord caller;

	final Node<?> node;

	final String nodeName;

	final @Nullable Object[] args;

	final Run run;

	volatile RequestTemplate requestHead;

	volatile LinkedNode nodeHead;

	/** How long the invocation took; written by the thread that ran it, before its completion is published. */
	long latencyNanos = -1;

	/**
	 * Set when the request was closed as failed while running (cancelled, timed out, ended by a fatal failure
	 * elsewhere): its caller gets this instead of whatever the interrupted node did, as the record says.
	 */
	volatile @Nullable Throwable cancelledWith;

	/** The delivery of this node's latest broadcast; its completion waits for it. */
	volatile @Nullable CompletableFuture<Void> lastBroadcast;

	private volatile int closed;

	RequestRecord(String id, @Nullable RequestRecord caller, Node<?> node, String nodeName, @Nullable Object[] args, Run run,
			Stamp created) {
		this.id = id;
		this.caller = caller;
		this.node = node;
		this.nodeName = nodeName;
		this.args = args;
		this.run = run;
		this.nodeHead = new LinkedNode(this, created, node.details(), -1, null);
		this.requestHead = new RequestTemplate(this, null, RequestStatus.OPEN, created, null);
	}

	/** Claims the right to record this request's completion; only the first claim (finish or cancel) wins. */
	boolean close() {
		return CLOSED.compareAndSet(this, 0, 1);
	}

	boolean isOpen() {
		return this.closed == 0;
	}

	@Nullable String callerNodeId() {
		return (this.caller != null) ? this.caller.node.identifier() : null;
	}

	String callerName() {
		return (this.caller != null) ? this.caller.nodeName : "START";
	}

	void finish(@Nullable Object output, RequestStatus status, Stamp stamp, long latencyNanos) {
		this.nodeHead = new LinkedNode(this, stamp, this.node.details(), latencyNanos, this.nodeHead);
		this.requestHead = new RequestTemplate(this, output, status, stamp, this.requestHead);
	}

}

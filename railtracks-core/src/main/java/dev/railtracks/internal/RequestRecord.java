package dev.railtracks.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import dev.railtracks.Node;
import dev.railtracks.info.LinkedNode;
import dev.railtracks.info.RequestStatus;
import dev.railtracks.info.RequestTemplate;
import dev.railtracks.info.Stamp;

/**
 * The live entry of one request while the session runs: who called whom, the node object and the run it belongs to,
 * and the newest recorded version of the request (which points at the node version recorded with it). The versions
 * are immutable {@code dev.railtracks.info} values that refer to nothing here, so a kept record pins no engine.
 */
final class RequestRecord {

	private static final VarHandle CLOSING;

	static {
		try {
			CLOSING = MethodHandles.lookup().findVarHandle(RequestRecord.class, "closing", Object.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/** Marks a request whose own outcome was claimed, as opposed to a cause that ended it from outside. */
	private static final Object FINISHED = new Object();

	final String id;

	final @Nullable RequestRecord caller;

	final Node<?> node;

	final String nodeName;

	final Run run;

	/** The newest version; replaced once, when the request finishes. */
	volatile RequestTemplate requestHead;

	long latencyNanos = -1;

	volatile @Nullable CompletableFuture<Object> future;

	volatile @Nullable CompletableFuture<Void> lastBroadcast;

	/** {@code null} while open, then {@link #FINISHED} or the cause that ended the request from outside. */
	@SuppressWarnings("unused")
	private volatile @Nullable Object closing;

	RequestRecord(String id, @Nullable RequestRecord caller, Node<?> node, String nodeName, @Nullable Object[] args,
			Run run, Stamp created) {
		this.id = id;
		this.caller = caller;
		this.node = node;
		this.nodeName = nodeName;
		this.run = run;
		LinkedNode firstNodeVersion = new LinkedNode(node.identifier(), nodeName, node.type(), created, node.details(),
				-1, null);
		this.requestHead = RequestTemplate.created(id, callerNodeId(), args, firstNodeVersion);
	}

	/** Claims the right to record the node's own outcome; fails when the request was ended from outside first. */
	boolean claimFinish() {
		return CLOSING.compareAndSet(this, null, FINISHED);
	}

	/** Claims the right to end the request from outside with a cause; fails when it already ended. */
	boolean claimCancel(Throwable cause) {
		return CLOSING.compareAndSet(this, null, cause);
	}

	boolean isOpen() {
		return this.closing == null;
	}

	@Nullable Throwable cancelledWith() {
		return (this.closing instanceof Throwable cause) ? cause : null;
	}

	@Nullable String callerNodeId() {
		return (this.caller != null) ? this.caller.node.identifier() : null;
	}

	static String nameOf(@Nullable RequestRecord caller) {
		return (caller != null) ? caller.nodeName : "START";
	}

	/** Records the finishing versions of the node and the request. */
	void finish(@Nullable Object output, RequestStatus status, Stamp stamp, long latencyNanos) {
		RequestTemplate previous = this.requestHead;
		LinkedNode node = new LinkedNode(previous.sinkId(), this.nodeName, this.node.type(), stamp, this.node.details(),
				latencyNanos, previous.nodeVersion());
		this.requestHead = previous.next(node, output, status);
	}

}

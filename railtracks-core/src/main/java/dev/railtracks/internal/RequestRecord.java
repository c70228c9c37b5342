package dev.railtracks.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

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

	/**
	 * The child this node is recording or running inline, until its outcome is recorded or it is handed to another
	 * thread: what {@code RTState.finish} records as failed when a stack overflow left no room to do it sooner.
	 */
	@Nullable RequestRecord inlineChild;

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

	/**
	 * Records the finishing versions of the node and the request, once: the first caller wins, later ones (the node's
	 * own outcome racing with a cancellation) return {@code false}. The stamp is taken only by the winner.
	 * @param cause the cause that ends the request from outside, or {@code null} for the node's own outcome
	 */
	boolean finishOnce(@Nullable Object output, RequestStatus status, Supplier<Stamp> stamp, long latencyNanos,
			@Nullable Throwable cause) {
		if (!CLOSING.compareAndSet(this, null, (cause != null) ? cause : FINISHED)) {
			return false;
		}
		try {
			RequestTemplate previous = this.requestHead;
			Stamp finished = stamp.get();
			LinkedNode node = new LinkedNode(previous.sinkId(), this.nodeName, this.node.type(), finished,
					this.node.details(), latencyNanos, previous.nodeVersion());
			this.requestHead = previous.next(node, output, status);
			return true;
		}
		catch (StackOverflowError ex) {
			// Too deep to write the record here: give the claim back, so that a retry on a fresh stack can write it.
			this.closing = null;
			throw ex;
		}
	}

	/** Waits (briefly) until the thread that claimed this request has written its finishing version. */
	void awaitRecorded() {
		while (this.requestHead.status() == RequestStatus.OPEN && this.closing != null) {
			Thread.yield();
		}
	}

	boolean isOpen() {
		return this.closing == null;
	}

	@Nullable Throwable cancelledWith() {
		return (this.closing instanceof Throwable cause) ? cause : null;
	}

	/**
	 * Why the request ended from outside: its own cancellation, else its run's. A node still running when its run
	 * ended (timeout, fatal failure, close) has that as its outcome, whatever it returned afterwards; a node that
	 * recorded its outcome first keeps it.
	 */
	@Nullable Throwable endedWith() {
		Object closing = this.closing;
		if (closing instanceof Throwable cause) {
			return cause;
		}
		// Recorded with its own outcome before the run ended: that outcome stands.
		return (closing == FINISHED) ? null : this.run.failure();
	}

	@Nullable String callerNodeId() {
		return (this.caller != null) ? this.caller.node.identifier() : null;
	}

	static String nameOf(@Nullable RequestRecord caller) {
		return (caller != null) ? caller.nodeName : "START";
	}

}

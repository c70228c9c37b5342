package dev.railtracks.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import dev.railtracks.Node;
import dev.railtracks.support.EpochClock;
import dev.railtracks.info.Failure;
import dev.railtracks.info.RequestStatus;
import dev.railtracks.info.RequestTemplate;
import dev.railtracks.info.StampManager;
import dev.railtracks.info.access.RecordWriter;

/**
 * The live, mutable side of one request while the session runs: who called whom, the node object and the run it
 * belongs to, the times and futures of its run, and its newest recorded version (which carries the node's version).
 * It changes only through its own methods. Its versions ({@link RequestTemplate}) are the immutable record: values
 * that refer to nothing here, so a kept record pins no engine.
 */
final class LiveRequest {

	private static final VarHandle CLOSING;

	static {
		try {
			CLOSING = MethodHandles.lookup().findVarHandle(LiveRequest.class, "closing", Object.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/** How the engine writes the record's versions. */
	private static final RecordWriter RECORDS = RecordWriter.get();

	/** Marks a request whose own outcome was claimed, as opposed to a cause that ended it from outside. */
	private static final Object FINISHED = new Object();

	final @Nullable LiveRequest caller;

	final Node<?> node;

	final String nodeName;

	final Run run;

	/** Where the session's {@link Journal} keeps it; {@code -1} until it is appended. */
	private int slot = -1;

	/** The newest version; replaced once, when the request finishes. */
	private volatile RequestTemplate requestHead;

	/**
	 * When the node started running, in epoch nanoseconds: its creation time for a synchronous call, else when a
	 * thread took it. Written by that thread before the node runs and read when the request finishes, mostly by the
	 * same thread; a cancelling thread may read the creation time instead, which only lengthens that latency.
	 */
	private long startNanos;

	/** When the node returned, if it then waited for its broadcasts to be delivered; {@code 0} otherwise. */
	private long returnedNanos;

	/** The asynchronous caller's future, released at once when the request is ended from outside. */
	private volatile @Nullable CompletableFuture<Object> callerFuture;

	private volatile @Nullable CompletableFuture<Void> lastBroadcast;

	/**
	 * The child this node is recording or running inline, until its outcome is recorded or it is handed to another
	 * thread: what {@code RTState.finish} records as failed when a stack overflow left no room to do it sooner.
	 */
	private @Nullable LiveRequest inlineChild;

	/** {@code null} while open, then {@link #FINISHED} or the cause that ended the request from outside. */
	@SuppressWarnings("unused")
	private volatile @Nullable Object closing;

	LiveRequest(@Nullable LiveRequest caller, Node<?> node, String nodeName, @Nullable Object[] args, Run run,
			long step, long epochNanos) {
		this.caller = caller;
		this.node = node;
		this.nodeName = nodeName;
		this.run = run;
		this.startNanos = epochNanos;
		UUID nodeId = node.uuid();
		this.requestHead = RECORDS.created((caller != null) ? caller.requestHead : null,
				nodeId.getMostSignificantBits(), nodeId.getLeastSignificantBits(), nodeName, node.type(), args,
				node.details(), step, epochNanos);
	}

	/** The newest version: the created one while open, the finished one afterwards. */
	RequestTemplate head() {
		return this.requestHead;
	}

	/** Where the journal keeps it, or {@code -1} before it is appended. */
	int slot() {
		return this.slot;
	}

	/** Told by the journal, before anyone can find it there. */
	void placedAt(int slot) {
		this.slot = slot;
	}

	/** The node starts running now (a thread took it), or, for a batch's child, when its worker's last child was done. */
	void startedAt(long epochNanos) {
		this.startNanos = epochNanos;
	}

	/** The node returned now and waits for its broadcasts: its latency ends here. */
	void returnedAt(long epochNanos) {
		this.returnedNanos = epochNanos;
	}

	/** An asynchronous caller waits on this future: an ending from outside completes it at once. */
	void awaitedThrough(CompletableFuture<Object> future) {
		this.callerFuture = future;
	}

	/** Releases an asynchronous caller with the cause that ended the request from outside. */
	void releaseCaller(Throwable cause) {
		CompletableFuture<Object> future = this.callerFuture;
		if (future != null) {
			future.completeExceptionally(cause);
		}
	}

	/** The node broadcast an item not yet delivered; its completion waits for it. */
	void broadcastPending(CompletableFuture<Void> delivered) {
		this.lastBroadcast = delivered;
	}

	/** The delivery of the node's last broadcast, or {@code null} when it broadcast nothing not yet delivered. */
	@Nullable CompletableFuture<Void> lastBroadcast() {
		return this.lastBroadcast;
	}

	/** This node is recording or running {@code child} inline, until {@link #childHandledOn()}. */
	void recordingChild(LiveRequest child) {
		this.inlineChild = child;
	}

	/** The inline child recorded its outcome or went to another thread. */
	void childHandledOn() {
		this.inlineChild = null;
	}

	/** The inline child a stack overflow left without a recorded outcome, or {@code null}. */
	@Nullable LiveRequest unrecordedChild() {
		return this.inlineChild;
	}

	/** The request's id, formatted: for messages, logs and observations only, which is why it is not kept. */
	String id() {
		return this.requestHead.identifier();
	}

	/**
	 * Records the node's own outcome as the request's finishing version, once: the first of this and
	 * {@link #endOnce} wins, the other returns {@code false}. The step is taken only by the winner.
	 * @param output the result, or for a failure its {@link Failure}
	 * @param status {@link RequestStatus#COMPLETED} or {@link RequestStatus#FAILED}
	 */
	boolean finishOnce(@Nullable Object output, RequestStatus status, StampManager stamper) {
		return closeOnce(FINISHED, output, status, stamper);
	}

	/**
	 * Records the request as ended from outside (cancelled, timed out, ended with its run), once; see
	 * {@link #finishOnce}.
	 * @param cause why it ended, recorded as its failure
	 */
	boolean endOnce(Throwable cause, StampManager stamper) {
		return closeOnce(cause, new Failure(cause), RequestStatus.FAILED, stamper);
	}

	/**
	 * Claims the request with {@code claim} ({@link #FINISHED} or the cause that ended it) and writes its finishing
	 * version. A node's own outcome counts its latency to when it returned; an ending from outside, to now.
	 */
	private boolean closeOnce(Object claim, @Nullable Object output, RequestStatus status, StampManager stamper) {
		if (!CLOSING.compareAndSet(this, null, claim)) {
			return false;
		}
		try {
			long start = this.startNanos;
			long step = RECORDS.nextStep(stamper);
			long now = EpochClock.nowNanos();
			// A node under middleware records the details of its attempt in progress too.
			Map<String, Object> details = (this.node instanceof InterceptedNode intercepted)
					? intercepted.recordedDetails() : this.node.details();
			if (claim == FINISHED) {
				long returned = (this.returnedNanos != 0) ? this.returnedNanos : now;
				this.requestHead = RECORDS.finished(this.requestHead, output, status, details, Math.max(0, returned - start),
						step, now);
			}
			else {
				this.requestHead = RECORDS.cancelled(this.requestHead, (Failure) Objects.requireNonNull(output), details,
						Math.max(0, now - start), step, now);
			}
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

	/** Whether the request was finished by its node's own outcome, not ended from outside. */
	boolean finishedItself() {
		return this.closing == FINISHED;
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

}

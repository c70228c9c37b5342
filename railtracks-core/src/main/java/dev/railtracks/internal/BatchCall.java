package dev.railtracks.internal;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import dev.railtracks.Node;
import dev.railtracks.NodeInvocationException;
import dev.railtracks.Outcome;
import dev.railtracks.support.EpochClock;

/**
 * A parallel fan-out that costs little when the children are trivial and still runs blocking children all at
 * once. Children are claimed one at a time from a shared index by the calling thread and by "scouts". The first claim
 * sends two scouts; a scout that arrives while no child has finished for a while sends two more before running its
 * child. Trivial children finish all the time, so the caller runs most of them itself without any thread handoff;
 * children that block (or compute for long) keep the arriving scouts sending more, doubling per generation, so a
 * thousand sleeping children sleep side by side. Blocking children that come after a long run of trivial ones get
 * only the threads already working.
 *
 * <p>Every child's node is created (its arguments checked) before any runs, but a child is recorded only when it is
 * claimed, into a journal slot reserved for it, so the record keeps the input order while a batch waiting to run
 * holds only its nodes, not a million records. Whoever ends the run (timeout, cancel, fail-fast, close) claims the
 * children left and records them as ended, in order, before the run's caller is released ({@link #closeUnclaimed}).
 * A batch whose run ended before it opened (while its nodes were being created) reserves and records nothing: its
 * caller is refused, as any call from an ended run is.
 */
final class BatchCall {

	/** No child finished for this long: the workers are busy, send another thread. */
	private static final long BUSY_NANOS = 20_000;

	private static final int SCOUTS_PER_CLAIM = 2;

	private final RTState state;

	private final Scope caller;

	private final LiveRequest callerRecord;

	private final Run run;

	/**
	 * Child {@code i}'s node until its outcome is settled, then its {@link Outcome}: one write per child into
	 * memory the workers share, because workers on two cores writing side by side slow each other down.
	 */
	private final Object[] children;

	/** Child {@code i}'s arguments, recorded with it when it is claimed. */
	private final Object[][] arguments;

	/**
	 * The journal slot of child 0; child {@code i} is recorded into {@code firstSlot + i} when it is claimed.
	 * Reserved when the run opens the batch ({@link #reserve}), under the run's lock, before any child is claimed.
	 */
	private int firstSlot;

	/** The step of child 0's first version; child {@code i}'s is {@code firstStep + i}. Reserved with the slots. */
	private long firstStep;

	private final AtomicInteger next = new AtomicInteger();

	private final AtomicInteger unfinished;

	/** Scouts sent and not yet started. */
	private final AtomicInteger scoutsOnTheirWay = new AtomicInteger();

	/**
	 * When a child last finished, in epoch nanoseconds; long quiet means the workers are busy or blocked, so more
	 * threads help. Zero while none has: a scout that starts before any child finished sends more.
	 */
	private volatile long lastFinishNanos;

	private final CompletableFuture<Void> done = new CompletableFuture<>();

	/**
	 * A batch of children whose nodes are created, none recorded yet.
	 * @param nodes child {@code i}'s {@link Node}, replaced by its outcome when it is settled
	 * @param arguments child {@code i}'s arguments
	 */
	BatchCall(RTState state, Scope caller, Object[] nodes, Object[][] arguments) {
		this.state = state;
		this.caller = caller;
		this.callerRecord = Objects.requireNonNull(caller.record);
		this.run = this.callerRecord.run;
		this.children = nodes;
		this.arguments = arguments;
		this.unfinished = new AtomicInteger(nodes.length);
	}

	/**
	 * Reserves the children's journal slots and steps. Called by {@link Run#open} under the run's lock, only when the
	 * run takes the batch: a batch refused by an ended run reserves nothing, and whoever ends the run later finds the
	 * batch with its slots (the lock orders both, so the plain fields are seen by the ending thread and, through the
	 * strategy's handoff, by the scouts).
	 */
	void reserve() {
		this.firstSlot = this.state.recorder.reserveSlots(this.children.length);
		this.firstStep = this.state.recorder.reserveSteps(this.children.length);
	}

	/** Runs every child; then every outcome in input order, failures as values. */
	@SuppressWarnings("unchecked")
	List<Outcome<Object>> outcomes() {
		runAll();
		Outcome<?>[] outcomes = new Outcome<?>[this.children.length];
		for (int i = 0; i < outcomes.length; i++) {
			Object child = this.children[i];
			outcomes[i] = (child instanceof Outcome<?> settled) ? settled : notRun(i);
		}
		return (List<Outcome<Object>>) (List<?>) Collections.unmodifiableList(Arrays.asList(outcomes));
	}

	/**
	 * The outcome of a child whose worker failed inside the engine before it could settle it (out of memory, or a
	 * scout's stack overflow): recorded as failed now (recorded first if it was not), unless the child recorded its
	 * own outcome first.
	 */
	private Outcome<?> notRun(int index) {
		int slot = this.firstSlot + index;
		LiveRequest record = this.state.recorder.openAt(slot);
		if (record == null && !this.state.recorder.isRecordedAt(slot)) {
			record = this.state.recordClaimed(this.callerRecord, (Node<?>) this.children[index], this.arguments[index],
					slot, this.firstStep + index, EpochClock.nowNanos());
		}
		String name = (record != null) ? record.nodeName : ((Node<?>) this.children[index]).name();
		IllegalStateException notRun = new IllegalStateException(
				"Child " + index + " of the batch (" + name + ") could not be run to the end");
		if (record != null) {
			this.state.finish(record, null, notRun);
		}
		return new Outcome.Failed<>(notRun);
	}

	private void runAll() {
		if (this.children.length == 0) {
			return;
		}
		if (!this.run.open(this)) {
			// The run ended while the caller was creating the children: the batch is refused as a call from an ended run
			// is, and nothing is recorded, since the run's caller may already have been released with its record.
			throw NodeInvocationException.unchecked(Objects.requireNonNull(this.run.failure()),
					this.callerRecord.nodeName);
		}
		if (this.state.config.inlineSynchronousCalls() && this.caller.depth < RTState.MAX_INLINE_DEPTH) {
			callerWorks();
		}
		else if (!sendScouts()) {
			// No thread to be had: the caller works after all.
			callerWorks();
		}
		this.state.await(this.done, this.run, "child nodes", false);
	}

	/**
	 * The caller claims children too. If it fails inside the engine (out of memory, say), the children nobody claimed
	 * yet are recorded as failed with that, since no thread may be left to claim them.
	 */
	private void callerWorks() {
		try {
			work(this.caller.depth + 1);
		}
		catch (RuntimeException | Error ex) {
			closeUnclaimed(ex);
			throw ex;
		}
	}

	/**
	 * Claims every child not claimed yet and records each as ended with {@code cause}, in input order, as a request
	 * still running when its run ended is recorded: by whoever ends the run, before its caller is released, so that a
	 * cancelled run's record holds the whole batch. The workers find nothing left to claim.
	 * @return how many children this call recorded
	 */
	int closeUnclaimed(Throwable cause) {
		int size = this.children.length;
		int first = this.next.getAndSet(size);
		if (first >= size) {
			return 0;
		}
		// Created together: one time for all, each with its own step.
		long now = EpochClock.nowNanos();
		for (int i = first; i < size; i++) {
			LiveRequest record = this.state.recordClaimed(this.callerRecord, (Node<?>) this.children[i],
					this.arguments[i], this.firstSlot + i, this.firstStep + i, now);
			this.state.recorder.closeAsFailed(record, cause, false);
			this.children[i] = new Outcome.Failed<>(NodeInvocationException.asThrown(cause, record.nodeName));
		}
		settled(size - first);
		return size - first;
	}

	/** Whether the batch was called by {@code ancestor} or by a request under it. */
	boolean isUnder(LiveRequest ancestor) {
		for (LiveRequest request = this.callerRecord; request != null; request = request.caller) {
			if (request == ancestor) {
				return true;
			}
		}
		return false;
	}

	/** That many more children are settled; the last one releases the batch's caller. */
	private void settled(int count) {
		if (this.unfinished.addAndGet(-count) == 0) {
			this.run.settled(this);
			this.done.complete(null);
		}
	}

	/**
	 * Claims and runs children on this thread at the given nesting depth until none are left. Only a thread's first
	 * claim may send scouts: any later claim follows a child this thread has just finished, so a child finished a
	 * moment ago. (Sending scouts after a child that ran long was tried: garbage-collection pauses make trivial
	 * children look long, and the extra threads more than doubled the cost of a 100 000-child fan-out on 2 cores.)
	 * Each child starts when this thread's previous one was done, so a child costs one clock reading, for its finish.
	 */
	private void work(int depth) {
		int size = this.children.length;
		long start = EpochClock.nowNanos();
		int ran = 0;
		try {
			while (true) {
				int index = this.next.getAndIncrement();
				if (index >= size) {
					return;
				}
				if (ran == 0 && index + 1 < size && (index == 0 || start - this.lastFinishNanos > BUSY_NANOS)) {
					sendScouts();
				}
				ran++;
				LiveRequest record = null;
				try {
					// Recorded now, created when this thread's previous child was done, and started at once.
					record = this.state.recordClaimed(this.callerRecord, (Node<?>) this.children[index],
							this.arguments[index], this.firstSlot + index, this.firstStep + index, start);
					NodeTask task = new NodeTask(this.state, record, depth, this.caller.observation, null);
					this.state.coordinator.submit(task, ExecutionMode.INLINE);
					// Seen by the batch's caller through the count it waits for.
					this.children[index] = task.settled();
				}
				finally {
					long finished = (record != null && record.finishedItself()) ? record.head().epochNanos()
							: EpochClock.nowNanos();
					start = finished;
					// Written only now and then: a scout's first claim needs it recent, not exact.
					if (finished - this.lastFinishNanos > BUSY_NANOS / 4) {
						this.lastFinishNanos = finished;
					}
				}
			}
		}
		finally {
			// Counted once per worker, even if running a child threw, or the batch's caller would wait forever.
			if (ran > 0) {
				settled(ran);
			}
		}
	}

	/**
	 * Sends up to {@value #SCOUTS_PER_CLAIM} scouts, never more on their way than children left to claim. Every
	 * scout that starts while the workers are busy sends its own, so the number of threads doubles per generation and
	 * a thousand blocking children all have a thread after about ten thread starts, not a thousand.
	 * @return {@code false} when the strategy refused every scout and none is on its way
	 */
	private boolean sendScouts() {
		for (int sent = 0; sent < SCOUTS_PER_CLAIM; sent++) {
			int onTheirWay = this.scoutsOnTheirWay.get();
			if (onTheirWay >= this.children.length - this.next.get()) {
				break;
			}
			if (!this.scoutsOnTheirWay.compareAndSet(onTheirWay, onTheirWay + 1)) {
				continue;
			}
			try {
				this.state.coordinator.execute(this::scout);
			}
			catch (RuntimeException | OutOfMemoryError ex) {
				// Rejected, or no native thread left: the threads already working claim the rest, so no child is lost.
				this.scoutsOnTheirWay.decrementAndGet();
				break;
			}
		}
		return this.scoutsOnTheirWay.get() > 0;
	}

	@SuppressWarnings("try") // the resource is a guard: opening and closing it is the point
	private void scout() {
		this.scoutsOnTheirWay.decrementAndGet();
		try (Run.Worker worker = this.run.enlist()) {
			work(0);
		}
	}

}

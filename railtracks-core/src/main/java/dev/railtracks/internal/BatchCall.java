package dev.railtracks.internal;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import dev.railtracks.Outcome;
import dev.railtracks.info.EpochClock;


/**
 * A parallel fan-out that costs little when the children are trivial and still runs blocking children all at
 * once. Children are claimed one at a time from a shared index by the calling thread and by "scouts". The first claim
 * sends two scouts; a scout that arrives while no child has finished for a while, and any worker whose last child ran
 * long, sends two more before running its child. Trivial children finish all the time, so the caller runs most of them
 * itself without any thread handoff; children that block (or compute for long) keep the scouts coming, doubling per
 * generation, so a thousand sleeping children sleep side by side.
 */
final class BatchCall {

	/** No child finished for this long: the workers are busy, send another thread. */
	private static final long BUSY_NANOS = 20_000;

	private static final int SCOUTS_PER_CLAIM = 2;

	private final RTState state;

	private final Scope caller;

	private final Run run;

	/** The children's requests; a slot is emptied once its child's outcome is settled, so that it keeps only that. */
	private final @Nullable RequestRecord[] records;

	/** A child's task from its claim until its outcome is settled, made at the claim to keep the batch small. */
	private final @Nullable NodeTask[] tasks;

	private final Outcome<?>[] outcomes;

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

	BatchCall(RTState state, Scope caller, Run run, List<RequestRecord> records) {
		this.state = state;
		this.caller = caller;
		this.run = run;
		int size = records.size();
		this.records = records.toArray(new RequestRecord[0]);
		this.tasks = new NodeTask[size];
		this.outcomes = new Outcome<?>[size];
		this.unfinished = new AtomicInteger(size);
	}

	/** Runs every child; then every outcome in input order, failures as values. */
	@SuppressWarnings("unchecked")
	List<Outcome<Object>> outcomes() {
		runAll();
		for (int i = 0; i < this.outcomes.length; i++) {
			if (this.outcomes[i] == null) {
				this.outcomes[i] = unsettled(i);
			}
		}
		return (List<Outcome<Object>>) (List<?>) Collections.unmodifiableList(Arrays.asList(this.outcomes));
	}

	/**
	 * The outcome of a child whose worker failed inside the engine before it could settle it (out of memory, or a
	 * scout's stack overflow): what its task recorded, or, when not even the task was made, a failure recorded now.
	 */
	private Outcome<?> unsettled(int index) {
		NodeTask task = this.tasks[index];
		if (task != null) {
			return task.settled();
		}
		IllegalStateException notRun = new IllegalStateException("Child " + index + " of the batch could not be run");
		RequestRecord record = this.records[index];
		if (record != null) {
			this.state.finish(record, null, notRun);
		}
		return new Outcome.Failed<>(notRun);
	}

	private void runAll() {
		if (this.tasks.length == 0) {
			return;
		}
		if (this.state.config.inlineSynchronousCalls() && this.caller.depth < RTState.MAX_INLINE_DEPTH) {
			work(this.caller.depth + 1);
		}
		else if (!sendScouts()) {
			// No thread to be had: the caller works after all.
			work(this.caller.depth + 1);
		}
		this.state.await(this.done, this.run, "child nodes", false);
	}

	/**
	 * Claims and runs children on this thread at the given nesting depth until none are left. A claim sends scouts
	 * when it is this thread's first (a scout arriving while nothing finished lately) or follows a child that ran
	 * long on this thread; any other claim follows a child that just finished quickly. Each child starts when this
	 * thread's previous one was done, so a child costs one clock reading, for its finish.
	 */
	private void work(int depth) {
		int size = this.tasks.length;
		long start = EpochClock.nowNanos();
		boolean slowOrFirst = true;
		while (true) {
			int index = this.next.getAndIncrement();
			if (index >= size) {
				return;
			}
			if (slowOrFirst && index + 1 < size && (index == 0 || start - this.lastFinishNanos > BUSY_NANOS)) {
				sendScouts();
			}
			RequestRecord record = this.records[index];
			try {
				NodeTask task = new NodeTask(this.state, Objects.requireNonNull(record), this.caller.observation, null);
				this.tasks[index] = task;
				task.depth = depth;
				record.startNanos = start;
				this.state.coordinator.submit(task, ExecutionMode.INLINE);
				// Seen by the batch's caller through the count it waits for.
				this.outcomes[index] = task.settled();
				this.tasks[index] = null;
				this.records[index] = null;
			}
			finally {
				// Counted even if running the child threw, or the batch's caller would wait forever.
				long finished = (record != null && record.finishedItself()) ? record.requestHead.epochNanos()
						: EpochClock.nowNanos();
				slowOrFirst = finished - start > BUSY_NANOS;
				start = finished;
				this.lastFinishNanos = finished;
				if (this.unfinished.decrementAndGet() == 0) {
					this.done.complete(null);
				}
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
			if (onTheirWay >= this.tasks.length - this.next.get()) {
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

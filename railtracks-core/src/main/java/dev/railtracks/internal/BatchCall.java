package dev.railtracks.internal;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

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
 */
final class BatchCall {

	/** No child finished for this long: the workers are busy, send another thread. */
	private static final long BUSY_NANOS = 20_000;

	private static final int SCOUTS_PER_CLAIM = 2;

	private final RTState state;

	private final Scope caller;

	private final Run run;

	/**
	 * Child {@code i}'s request until its outcome is settled, then its {@link Outcome}: one write per child into
	 * memory the workers share, because workers on two cores writing side by side slow each other down.
	 */
	private final Object[] children;

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

	BatchCall(RTState state, Scope caller, Run run, List<LiveRequest> records) {
		this.state = state;
		this.caller = caller;
		this.run = run;
		this.children = records.toArray();
		this.unfinished = new AtomicInteger(this.children.length);
	}

	/** Runs every child; then every outcome in input order, failures as values. */
	@SuppressWarnings("unchecked")
	List<Outcome<Object>> outcomes() {
		runAll();
		Outcome<?>[] outcomes = new Outcome<?>[this.children.length];
		for (int i = 0; i < outcomes.length; i++) {
			Object child = this.children[i];
			outcomes[i] = (child instanceof Outcome<?> settled) ? settled : notRun(i, (LiveRequest) child);
		}
		return (List<Outcome<Object>>) (List<?>) Collections.unmodifiableList(Arrays.asList(outcomes));
	}

	/**
	 * The outcome of a child whose worker failed inside the engine before it could settle it (out of memory, or a
	 * scout's stack overflow): recorded as failed now, unless the child recorded its own outcome first.
	 */
	private Outcome<?> notRun(int index, LiveRequest record) {
		IllegalStateException notRun = new IllegalStateException(
				"Child " + index + " of the batch (" + record.nodeName + ") could not be run to the end");
		this.state.finish(record, null, notRun);
		return new Outcome.Failed<>(notRun);
	}

	private void runAll() {
		if (this.children.length == 0) {
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
				LiveRequest record = (LiveRequest) this.children[index];
				try {
					NodeTask task = new NodeTask(this.state, record, depth, this.caller.observation, null);
					record.startedAt(start);
					this.state.coordinator.submit(task, ExecutionMode.INLINE);
					// Seen by the batch's caller through the count it waits for.
					this.children[index] = task.settled();
				}
				finally {
					long finished = record.finishedItself() ? record.head().epochNanos() : EpochClock.nowNanos();
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
			if (ran > 0 && this.unfinished.addAndGet(-ran) == 0) {
				this.done.complete(null);
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

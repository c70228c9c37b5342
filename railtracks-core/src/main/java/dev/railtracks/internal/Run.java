package dev.railtracks.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * One top-level call and everything under it. It owns the threads working for it, so that a timeout, a fatal
 * failure or the session's close can interrupt them, and it refuses new calls once cancelled.
 *
 * <p>Stopping is split in phases so that a caller stopping many runs (a closing session) interrupts all of them
 * first and then waits once for all, instead of one grace period per run.
 */
final class Run {

	/** How long a cancelled run waits for its interrupted threads to stop before it reports the cancellation. */
	static final long STOP_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

	/** The top-level node's name, which names the run in the engine's log. */
	final String name;

	/** The top-level request's result; completed exceptionally when the run is cancelled first. */
	final CancellableFuture<Object> result = new CancellableFuture<>();

	private final Set<Worker> workers = ConcurrentHashMap.newKeySet();

	/** Why the run was cancelled, or {@code null} while it may go on. */
	private volatile @Nullable Throwable failure;

	volatile @Nullable ScheduledFuture<?> timer;

	/**
	 * The run's batches with children not yet claimed or settled, which whoever ends the run records as ended (see
	 * {@link BatchCall#closeUnclaimed}); {@code null} until the first batch. Guarded by this run, as {@link #failure}
	 * is set, so that a batch opened as the run ends is either refused or seen by the ending.
	 */
	private @Nullable List<BatchCall> batches;

	Run(String name) {
		this.name = name;
	}

	@Nullable Throwable failure() {
		return this.failure;
	}

	/**
	 * Marks the run cancelled, so that no new call starts in it, and interrupts the threads working for it (except
	 * the current one, which is doing the cancelling). Only the first cause counts.
	 * @return {@code true} when this call cancelled the run
	 */
	boolean cancel(Throwable cause) {
		synchronized (this) {
			if (this.failure != null) {
				return false;
			}
			this.failure = cause;
		}
		Thread current = Thread.currentThread();
		this.workers.forEach((worker) -> {
			if (worker.thread != current) {
				worker.interrupt();
			}
		});
		return true;
	}

	/**
	 * Waits until no thread other than the current one works for this run, or the deadline passes (a node that
	 * ignores interrupts): so that nothing of the run still runs when its caller learns it ended.
	 * @param deadline a {@link System#nanoTime()} value
	 */
	void awaitStopped(long deadline) {
		Thread current = Thread.currentThread();
		boolean interrupted = false;
		synchronized (this) {
			long remaining;
			while (othersWorking(current) && (remaining = deadline - System.nanoTime()) > 0) {
				try {
					TimeUnit.NANOSECONDS.timedWait(this, remaining);
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Opens a batch in this run, unless the run was cancelled: reserves its children's journal slots and steps and
	 * lists it for whoever ends the run, under the lock that {@link #cancel} takes, so that a batch is either refused
	 * with nothing reserved or seen, slots and all, by the run's ending.
	 * @return {@code false} when the run was cancelled: the batch records nothing and its caller is refused
	 */
	synchronized boolean open(BatchCall batch) {
		if (this.failure != null) {
			return false;
		}
		batch.reserve();
		if (this.batches == null) {
			this.batches = new ArrayList<>(2);
		}
		this.batches.add(batch);
		return true;
	}

	/** Every child of the batch is settled: whoever ends the run need not look at it. */
	synchronized void settled(BatchCall batch) {
		if (this.batches != null) {
			this.batches.remove(batch);
		}
	}

	/** The batches still open, for whoever ends the run (or calls under a node) to record their unclaimed children. */
	synchronized List<BatchCall> openBatches() {
		return (this.batches == null) ? List.of() : List.copyOf(this.batches);
	}

	/** Releases the run's caller with the cause it was cancelled with. */
	void release() {
		Throwable cause = this.failure;
		if (cause != null) {
			this.result.completeExceptionally(cause);
		}
	}

	Worker enlist() {
		Worker worker = new Worker(Thread.currentThread());
		this.workers.add(worker);
		if (this.failure != null) {
			worker.interrupt();
		}
		return worker;
	}

	private boolean othersWorking(Thread current) {
		for (Worker worker : this.workers) {
			if (worker.thread != current) {
				return true;
			}
		}
		return false;
	}

	/** A thread working for the run, from when it takes a task until it finishes it. */
	final class Worker implements AutoCloseable {

		private final Thread thread;

		private boolean done;

		/** Whether the run interrupted this thread: only that interrupt is the run's to clear. */
		private boolean interruptedByRun;

		private Worker(Thread thread) {
			this.thread = thread;
		}

		synchronized void interrupt() {
			if (!this.done) {
				this.interruptedByRun = true;
				this.thread.interrupt();
			}
		}

		@Override
		public void close() {
			synchronized (this) {
				this.done = true;
				// A pooled thread must not carry this run's cancellation into its next task, but a caller running its
				// top-level node keeps an interrupt that came from elsewhere.
				if (this.interruptedByRun) {
					Thread.interrupted();
				}
			}
			Run.this.workers.remove(this);
			if (Run.this.failure != null) {
				// A stopping run may be waiting for its last worker.
				synchronized (Run.this) {
					Run.this.notifyAll();
				}
			}
		}

	}

}

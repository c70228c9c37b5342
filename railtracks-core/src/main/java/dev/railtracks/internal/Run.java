package dev.railtracks.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

/**
 * One top-level call and everything under it. It owns the threads working for it, so that a timeout, a fatal
 * failure or the session's close can interrupt them, and it refuses new calls once cancelled.
 */
final class Run {

	/** How long a cancelled run waits for its interrupted threads to stop before it reports the cancellation. */
	static final long STOP_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

	private static final long STOP_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

	/** The top-level request's result; completed exceptionally when the run is cancelled first. */
	final CancellableFuture<Object> result = new CancellableFuture<>();

	private final Set<Worker> workers = ConcurrentHashMap.newKeySet();

	private volatile @Nullable Throwable failure;

	volatile @Nullable ScheduledFuture<?> timer;

	/** Why the run was cancelled, or {@code null} while it may go on. */
	@Nullable Throwable failure() {
		return this.failure;
	}

	/**
	 * Marks the run cancelled, so that no new call starts in it. Only the first cause counts.
	 * @return {@code true} when this call cancelled the run
	 */
	synchronized boolean markCancelled(Throwable cause) {
		if (this.failure != null) {
			return false;
		}
		this.failure = cause;
		return true;
	}

	/**
	 * Stops a cancelled run: every other thread working for it is interrupted and given up to
	 * {@link #STOP_GRACE_NANOS} to stop, then the top-level result fails with the cause (unless it already finished).
	 * The calling thread is not interrupted: on a fatal failure it is the failing node's own thread, which returns to
	 * its callers through the failure anyway.
	 */
	void stop(Throwable cause) {
		Thread current = Thread.currentThread();
		this.workers.forEach((worker) -> {
			if (worker.thread != current) {
				worker.interrupt();
			}
		});
		// So that nothing of the run still runs when its caller learns it ended, unless a node ignores interrupts.
		long deadline = System.nanoTime() + STOP_GRACE_NANOS;
		while (this.workers.stream().anyMatch((worker) -> worker.thread != current) && System.nanoTime() < deadline) {
			LockSupport.parkNanos(STOP_POLL_NANOS);
		}
		this.result.completeExceptionally(cause);
	}

	/** Registers the current thread as working for this run until the returned worker is closed. */
	Worker enlist() {
		Worker worker = new Worker(Thread.currentThread());
		this.workers.add(worker);
		if (this.failure != null) {
			worker.interrupt();
		}
		return worker;
	}

	/** A thread working for the run; interrupting it is safe only while it has not moved on to other work. */
	final class Worker implements AutoCloseable {

		private final Thread thread;

		private boolean done;

		private Worker(Thread thread) {
			this.thread = thread;
		}

		synchronized void interrupt() {
			if (!this.done) {
				this.thread.interrupt();
			}
		}

		@Override
		public void close() {
			synchronized (this) {
				this.done = true;
				// A pooled thread must not carry this run's cancellation into its next task.
				Thread.interrupted();
			}
			Run.this.workers.remove(this);
		}

	}

}

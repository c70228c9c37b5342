package dev.railtracks.state;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

import org.jspecify.annotations.Nullable;

/**
 * One top-level call and everything under it. It owns the threads working for it, so that a timeout or a fatal
 * failure can interrupt them, and it refuses new calls once cancelled.
 */
final class Run {

	/** The top-level request's result; completed exceptionally when the run is cancelled. */
	final CompletableFuture<Object> result = new CompletableFuture<>();

	private final Set<Worker> workers = ConcurrentHashMap.newKeySet();

	private volatile @Nullable Throwable failure;

	volatile @Nullable ScheduledFuture<?> timer;

	/** Why the run was cancelled, or {@code null} while it may go on. */
	@Nullable Throwable failure() {
		return this.failure;
	}

	/**
	 * Ends the run with a cause: the top-level result fails with it and every working thread is interrupted. Only
	 * the first cause counts.
	 * @return {@code true} when this call cancelled the run
	 */
	boolean cancel(Throwable cause) {
		synchronized (this) {
			if (this.failure != null || this.result.isDone()) {
				return false;
			}
			this.failure = cause;
		}
		this.result.completeExceptionally(cause);
		this.workers.forEach(Worker::interrupt);
		return true;
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

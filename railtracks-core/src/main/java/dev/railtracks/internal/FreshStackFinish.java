package dev.railtracks.internal;

import java.util.concurrent.CountDownLatch;

import org.jspecify.annotations.Nullable;

/**
 * Records a node's outcome on another thread for a caller whose own stack is exhausted (see
 * {@link RTState#finishOnFreshStack}). A named class rather than a lambda: a lambda's call site is linked the first
 * time it runs, and linking it on an exhausted stack fails with an {@link InternalError} or a
 * {@link BootstrapMethodError} wrapping the overflow (Java 17), which would reach the node's caller instead of the
 * {@link StackOverflowError} it can handle. Nothing here is linked lazily: no lambda, method reference or string
 * concatenation.
 */
final class FreshStackFinish implements Runnable {

	private final RTState state;

	private final LiveRequest record;

	private final @Nullable Object result;

	private final @Nullable Throwable error;

	private final CountDownLatch done = new CountDownLatch(1);

	private volatile @Nullable Throwable failure;

	FreshStackFinish(RTState state, LiveRequest record, @Nullable Object result, @Nullable Throwable error) {
		this.state = state;
		this.record = record;
		this.result = result;
		this.error = error;
	}

	@Override
	public void run() {
		try {
			this.state.finish(this.record, this.result, this.error);
		}
		catch (Throwable ex) {
			this.failure = ex;
		}
		finally {
			this.done.countDown();
		}
	}

	/** Waits, uninterruptibly, until the outcome is recorded, and throws what recording it threw. */
	void awaitDone() {
		boolean interrupted = false;
		while (true) {
			try {
				this.done.await();
				break;
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
		Throwable failed = this.failure;
		if (failed instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (failed instanceof Error fatal) {
			throw fatal;
		}
	}

}

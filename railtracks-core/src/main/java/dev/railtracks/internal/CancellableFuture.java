package dev.railtracks.internal;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * A result future whose {@link #cancel} by a caller also cancels the work behind it. A future completed
 * exceptionally with a {@code CancellationException} by the engine looks the same from outside, so only an explicit
 * {@code cancel} call triggers the hook.
 *
 * @param <T> the result type
 */
final class CancellableFuture<T> extends CompletableFuture<T> {

	private volatile @Nullable Runnable onCancel;

	void onCancel(Runnable hook) {
		this.onCancel = hook;
	}

	@Override
	public boolean cancel(boolean mayInterruptIfRunning) {
		boolean cancelled = super.cancel(mayInterruptIfRunning);
		Runnable hook = this.onCancel;
		if (cancelled && hook != null) {
			hook.run();
		}
		return cancelled;
	}

	@Override
	public <U> CompletableFuture<U> newIncompleteFuture() {
		// Dependent stages are plain futures: cancelling them does not reach back here.
		return new CompletableFuture<>();
	}

}

package dev.railtracks.middleware;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.function.Predicate;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import org.jspecify.annotations.Nullable;

import dev.railtracks.FatalException;
import dev.railtracks.GlobalTimeoutException;
import dev.railtracks.NodeCall;
import dev.railtracks.NodeCreationException;
import dev.railtracks.NodeInvocationException;
import dev.railtracks.NodeMiddleware;

/**
 * Calls a failing node again, with exponential back-off and jitter between attempts, on Resilience4j's retry. Each
 * attempt is a fresh node created from the definition, recorded under {@code middleware_attempts} in the node's details
 * and as a {@code railtracks.node.retry} event on its observation.
 *
 * <p>Never retried, whatever {@link Builder#retryIf} says: a {@link FatalException} (or a child's fatal failure), an
 * {@link InterruptedException}, a {@link CancellationException}, a {@link GlobalTimeoutException}, an {@link Error},
 * any failure once the run has ended (session timeout, cancel, fatal failure, close) or the thread is interrupted, and
 * the deterministic ones another attempt would only repeat: a {@link NodeCreationException} and an
 * {@link IllegalStateException} raised before the node ran ({@code proceed} called on the wrong thread, say).
 * The last attempt's failure is the node's.
 */
public final class Retry implements NodeMiddleware {

	/** Attempts by default, the first included. */
	public static final int DEFAULT_MAX_ATTEMPTS = 3;

	/** The wait after the first failure by default; it doubles after each further failure. */
	public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(200);

	/** The longest wait by default, however many attempts failed: the doubling stops there. */
	public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

	/** How far each wait is spread at random by default: 0.5 waits between half and one and a half times. */
	public static final double DEFAULT_JITTER = 0.5;

	private final int maxAttempts;

	private final Duration backoff;

	private final double jitter;

	private final Duration maxBackoff;

	private final io.github.resilience4j.retry.Retry retry;

	private Retry(Builder builder) {
		this.maxAttempts = builder.maxAttempts;
		this.backoff = builder.backoff;
		this.jitter = builder.jitter;
		this.maxBackoff = builder.maxBackoff;
		Predicate<Throwable> retryIf = builder.retryIf;
		this.retry = io.github.resilience4j.retry.Retry.of("railtracks-node", RetryConfig.custom()
			.maxAttempts(builder.maxAttempts)
			.intervalFunction(IntervalFunction.ofExponentialRandomBackoff(builder.backoff, builder.multiplier,
					builder.jitter, builder.maxBackoff))
			.retryOnException((failure) -> !(failure instanceof NotRetried) && retryIf.test(failure))
			.build());
	}

	/**
	 * A retry with the defaults: {@value #DEFAULT_MAX_ATTEMPTS} attempts, 200 ms back-off doubling, jitter 0.5,
	 * every retryable failure.
	 * @return the middleware
	 */
	public static Retry ofDefaults() {
		return builder().build();
	}

	/**
	 * A builder starting from the defaults.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public @Nullable Object around(NodeCall call) throws Exception {
		try {
			return this.retry.executeCallable(() -> {
				int attempts = call.attempts();
				try {
					return call.proceed();
				}
				catch (Exception ex) {
					if (neverRetried(call, ex, call.attempts() == attempts)) {
						throw new NotRetried(ex);
					}
					throw ex;
				}
			});
		}
		catch (NotRetried ex) {
			throw ex.failure;
		}
	}

	/**
	 * Whether a failure is not worth another attempt: fatal, an interrupt or the run's end, or a deterministic one
	 * (the node could not be created from its arguments, or {@code proceed} was refused before reaching the node, as
	 * on the wrong thread), which another attempt would only repeat.
	 */
	private static boolean neverRetried(NodeCall call, Exception failure, boolean nodeNotReached) {
		return failure instanceof FatalException || failure instanceof NodeCreationException
				|| (nodeNotReached && failure instanceof IllegalStateException)
				|| (failure instanceof NodeInvocationException invocation && invocation.isFatal())
				|| failure instanceof InterruptedException || failure instanceof CancellationException
				|| failure instanceof GlobalTimeoutException || call.runEnded() || Thread.currentThread().isInterrupted();
	}

	@Override
	public String toString() {
		return "Retry[maxAttempts=" + this.maxAttempts + ", backoff=" + this.backoff + ", jitter=" + this.jitter
				+ ", maxBackoff=" + this.maxBackoff + "]";
	}

	/** Carries a failure past Resilience4j's retry, which ignores it. */
	private static final class NotRetried extends RuntimeException {

		private final transient Exception failure;

		NotRetried(Exception failure) {
			super(null, null, false, false);
			this.failure = failure;
		}

	}

	/**
	 * Builds a {@link Retry}; each method checks its argument at once.
	 */
	public static final class Builder {

		private int maxAttempts = DEFAULT_MAX_ATTEMPTS;

		private Duration backoff = DEFAULT_BACKOFF;

		private double multiplier = 2;

		private double jitter = DEFAULT_JITTER;

		private Duration maxBackoff = DEFAULT_MAX_BACKOFF;

		private Predicate<Throwable> retryIf = (failure) -> true;

		private Builder() {
		}

		/**
		 * How many times the node runs at most, the first included.
		 * @param maxAttempts at least 1
		 * @return this builder
		 * @throws IllegalArgumentException when less than 1
		 */
		public Builder maxAttempts(int maxAttempts) {
			if (maxAttempts < 1) {
				throw new IllegalArgumentException("Retry maxAttempts must be at least 1 but was " + maxAttempts);
			}
			this.maxAttempts = maxAttempts;
			return this;
		}

		/**
		 * The wait after the first failure, multiplied by {@code multiplier} after each further one.
		 * @param backoff a positive duration
		 * @param multiplier at least 1
		 * @return this builder
		 * @throws IllegalArgumentException when the back-off is not positive or the multiplier below 1 or not finite
		 */
		public Builder backoff(Duration backoff, double multiplier) {
			if (backoff == null || backoff.isNegative() || backoff.isZero()) {
				throw new IllegalArgumentException("Retry backoff must be positive but was " + backoff);
			}
			if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
				throw new IllegalArgumentException("Retry backoff multiplier must be finite and at least 1 but was "
						+ multiplier);
			}
			this.backoff = backoff;
			this.multiplier = multiplier;
			return this;
		}

		/**
		 * The longest wait before the jitter spreads it: the growing wait stops there (Resilience4j's
		 * {@code maxInterval}).
		 * @param maxBackoff a positive duration, at least the back-off (checked when built)
		 * @return this builder
		 * @throws IllegalArgumentException when not positive
		 */
		public Builder maxBackoff(Duration maxBackoff) {
			if (maxBackoff == null || maxBackoff.isNegative() || maxBackoff.isZero()) {
				throw new IllegalArgumentException("Retry maxBackoff must be positive but was " + maxBackoff);
			}
			this.maxBackoff = maxBackoff;
			return this;
		}

		/**
		 * How far each wait is spread at random: a wait {@code w} becomes one between {@code w * (1 - jitter)} and
		 * {@code w * (1 + jitter)}.
		 * @param jitter from 0 (none) up to, not including, 1
		 * @return this builder
		 * @throws IllegalArgumentException when outside [0, 1)
		 */
		public Builder jitter(double jitter) {
			if (!(jitter >= 0 && jitter < 1)) {
				throw new IllegalArgumentException("Retry jitter must be in [0, 1) but was " + jitter);
			}
			this.jitter = jitter;
			return this;
		}

		/**
		 * Which failures are retried, besides those never retried (see {@link Retry}).
		 * @param retryIf tells whether a failure is worth another attempt
		 * @return this builder
		 * @throws IllegalArgumentException when {@code null}
		 */
		public Builder retryIf(Predicate<Throwable> retryIf) {
			if (retryIf == null) {
				throw new IllegalArgumentException("Retry retryIf must not be null");
			}
			this.retryIf = retryIf;
			return this;
		}

		/**
		 * Builds the retry.
		 * @return the middleware
		 * @throws IllegalArgumentException when the maximum back-off is shorter than the back-off
		 */
		public Retry build() {
			if (this.maxBackoff.compareTo(this.backoff) < 0) {
				throw new IllegalArgumentException("Retry maxBackoff " + this.maxBackoff
						+ " must be at least the backoff " + this.backoff);
			}
			return new Retry(this);
		}

	}

}

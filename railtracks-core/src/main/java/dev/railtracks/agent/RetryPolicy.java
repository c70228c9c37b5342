package dev.railtracks.agent;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import dev.railtracks.llm.ModelRequest;
import dev.railtracks.llm.ModelResponse;
import dev.railtracks.llm.ProviderException;
import dev.railtracks.llm.TransientModelException;

/**
 * How an agent retries a model call that failed transiently: at most {@code maxAttempts} calls, waiting
 * {@code initialBackoff} after the first failure and {@code multiplier} times longer after each further one, never more
 * than {@code maxBackoff}. The session's timeout still bounds the whole agent: a wait is interrupted when the run
 * ends.
 *
 * <p>A failure is transient when it, or one of its causes, is a {@link TransientModelException}, an
 * {@link IOException} or a {@link TimeoutException}. A classified provider failure ({@link ProviderException}) decides
 * for itself: a rate limit, an outage or a timeout is transient; a rejected key, a bad request or an unreadable answer
 * is not, whatever its causes (a JSON parser's {@code IOException} under an unparsable answer is not retried).
 *
 * <p>When the provider says how long to wait ({@code Retry-After}, {@link ProviderException#retryAfter()}), the wait
 * is at least that long; a provider asking for more than {@code maxBackoff} is not retried, so its failure (a rate
 * limit, say) reaches the caller at once with the provider's {@code Retry-After} instead of holding it.
 *
 * <p>A policy is the {@link ModelMiddleware} that retries: an agent puts its {@link Agent#retryPolicy()} innermost in
 * its chain, next to the model, so each attempt is one call of the model (one {@code llm_details} entry, one
 * observation) and the other middleware run once per round. A policy added with
 * {@link Agent.Builder#modelMiddleware} instead retries everything after it in the chain (a rejected answer, say,
 * when the rejection's cause is transient); the agent's own policy must then be {@link #NONE}. A call interrupted
 * because the run is ending is never retried. When it stops retrying it fails with a {@link ModelCallException}
 * naming the agent, the model, the round and the attempt, whose cause is the last failure; an
 * {@link AgentException} (a {@code null} answer, a rejection) and an {@link Error} are passed on as they are.
 *
 * @param maxAttempts calls in all, at least 1 (1 means no retry)
 * @param initialBackoff the wait after the first failure
 * @param maxBackoff the longest wait
 * @param multiplier how much longer each wait is than the one before, at least 1
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier)
		implements ModelMiddleware {

	/** Three attempts, waiting 500 ms then 1 s (at most 10 s). */
	public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(10), 2.0);

	/** One attempt: failures are not retried. */
	public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1.0);

	/**
	 * A retry policy.
	 * @param maxAttempts at least 1
	 * @param initialBackoff not negative
	 * @param maxBackoff not shorter than {@code initialBackoff}
	 * @param multiplier at least 1
	 */
	public RetryPolicy {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("Retry maxAttempts must be at least 1 but was " + maxAttempts);
		}
		if (initialBackoff == null || initialBackoff.isNegative()) {
			throw new IllegalArgumentException("Retry initialBackoff must not be negative but was " + initialBackoff);
		}
		if (maxBackoff == null || maxBackoff.compareTo(initialBackoff) < 0) {
			throw new IllegalArgumentException(
					"Retry maxBackoff must be at least initialBackoff (" + initialBackoff + ") but was " + maxBackoff);
		}
		if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
			throw new IllegalArgumentException("Retry multiplier must be a number of at least 1 but was " + multiplier);
		}
	}

	/**
	 * The wait before attempt {@code attempt + 1}.
	 * @param attempt the attempt that failed, from 1
	 * @return the wait, at most {@code maxBackoff}
	 */
	public Duration backoff(int attempt) {
		double nanos = this.initialBackoff.toNanos() * Math.pow(this.multiplier, attempt - 1);
		return (nanos >= this.maxBackoff.toNanos()) ? this.maxBackoff : Duration.ofNanos((long) nanos);
	}

	/**
	 * How long to wait before trying again after a failed attempt, if at all.
	 * @param attempt the attempt that failed, from 1
	 * @param failure its failure
	 * @return the wait: {@link #backoff(int)}, or the provider's longer {@code Retry-After}; empty when the attempts
	 * are used up, the failure is not {@linkplain #isTransient(Throwable) transient}, or the provider asks to wait
	 * longer than {@code maxBackoff}
	 */
	public Optional<Duration> delayBeforeRetry(int attempt, Throwable failure) {
		if (attempt >= this.maxAttempts || !isTransient(failure)) {
			return Optional.empty();
		}
		Duration backoff = backoff(attempt);
		Duration asked = providerFailure(failure).map(ProviderException::retryAfter).orElse(null);
		if (asked == null || asked.compareTo(backoff) <= 0) {
			return Optional.of(backoff);
		}
		return (asked.compareTo(this.maxBackoff) <= 0) ? Optional.of(asked) : Optional.empty();
	}

	/**
	 * Calls the rest of the chain, and again after each transient failure while attempts are left, waiting as
	 * {@link #delayBeforeRetry(int, Throwable)} says.
	 * @param request the request, passed on unchanged to every attempt
	 * @param chain the rest of the chain
	 * @return the first answer
	 * @throws InterruptedException when the run ends during a call or a wait
	 */
	@Override
	public ModelResponse around(ModelRequest request, ModelChain chain) throws InterruptedException {
		for (int attempt = 1;; attempt++) {
			try {
				return chain.call(request);
			}
			catch (AgentException ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				// An interrupt means the run is ending (timeout, fatal failure, cancellation): no retry, the engine
				// reports why.
				if (Thread.currentThread().isInterrupted()) {
					throw ex;
				}
				Optional<Duration> wait = delayBeforeRetry(attempt, ex);
				if (wait.isEmpty()) {
					ModelRound round = chain.round();
					throw new ModelCallException(round.agentName(), "Agent '" + round.agentName() + "': call to model "
							+ round.model().provider() + "/" + AgentNode.askedModel(request, round.model())
							+ " failed in round " + round.number() + " (attempt " + attempt + " of " + this.maxAttempts
							+ "): " + ex, ex);
				}
				Thread.sleep(wait.get().toMillis());
			}
		}
	}

	private static Optional<ProviderException> providerFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() == cause) ? null : cause.getCause()) {
			if (cause instanceof ProviderException provider) {
				return Optional.of(provider);
			}
		}
		return Optional.empty();
	}

	/**
	 * Whether a failure is worth another attempt.
	 * @param failure the model's failure
	 * @return {@code true} when it or a cause is transient, or the first {@link ProviderException} among them is
	 */
	public static boolean isTransient(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() == cause) ? null : cause.getCause()) {
			if (cause instanceof ProviderException provider) {
				return provider.isTransient();
			}
			if (cause instanceof TransientModelException || cause instanceof IOException
					|| cause instanceof TimeoutException) {
				return true;
			}
		}
		return false;
	}

}

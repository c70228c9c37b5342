package dev.railtracks.autoconfigure.agent;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.railtracks.agent.RetryPolicy;

/**
 * Configuration properties for agents built with {@link AgentFactory}, bound from {@code railtracks.agent.*}. The
 * defaults are those of {@link dev.railtracks.agent.Agent.Builder} (written as literals so that the configuration
 * metadata shows them).
 *
 * @author Railtracks
 * @since 0.1.0
 */
@ConfigurationProperties("railtracks.agent")
public class RailtracksAgentProperties {

	/**
	 * Maximum number of model calls an agent makes per invocation, retries not counted. An agent whose model still
	 * asks for tools in its last round fails.
	 */
	private int maxRounds = 10;

	private final Retry retry = new Retry();

	public int getMaxRounds() {
		return this.maxRounds;
	}

	public void setMaxRounds(int maxRounds) {
		this.maxRounds = maxRounds;
	}

	public Retry getRetry() {
		return this.retry;
	}

	/**
	 * The retry policy these properties describe.
	 * @return the policy
	 */
	RetryPolicy retryPolicy() {
		return new RetryPolicy(this.retry.maxAttempts, this.retry.initialBackoff, this.retry.maxBackoff,
				this.retry.multiplier);
	}

	/**
	 * Retries of model calls that failed transiently (rate limits, overload, timeouts).
	 */
	public static class Retry {

		/**
		 * Maximum number of calls in one model round, the first included. 1 disables retries.
		 */
		private int maxAttempts = 3;

		/**
		 * Wait after the first failed attempt.
		 */
		private Duration initialBackoff = Duration.ofMillis(500);

		/**
		 * Longest wait between two attempts.
		 */
		private Duration maxBackoff = Duration.ofSeconds(10);

		/**
		 * Factor by which each wait is longer than the one before.
		 */
		private double multiplier = 2.0;

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

	}

}

package dev.railtracks.autoconfigure.agent;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.convert.DurationStyle;

import dev.railtracks.agent.RetryPolicy;

/**
 * Configuration properties for agents built with {@link AgentFactory}, bound from {@code railtracks.agent.*}. The
 * defaults are those of {@link dev.railtracks.agent.Agent.Builder} (written as literals so that the configuration
 * metadata shows them).
 *
 * <p>The values are checked once bound, so that a bad one fails startup with Spring Boot's failure analysis naming the
 * property, its value and the reason, before any agent is built.
 *
 * @author Railtracks
 * @since 0.1.0
 */
@ConfigurationProperties("railtracks.agent")
public class RailtracksAgentProperties implements InitializingBean {

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
	 * Checks every value, as {@link RetryPolicy} and {@link dev.railtracks.agent.Agent.Builder#maxRounds(int)} would,
	 * in the terms of the properties.
	 * @throws InvalidConfigurationPropertyValueException naming the first bad property, its value and why
	 */
	@Override
	public void afterPropertiesSet() {
		require("railtracks.agent.max-rounds", this.maxRounds, this.maxRounds >= 1, "must be at least 1");
		this.retry.validate();
	}

	private static void require(String key, @Nullable Object value, boolean valid, String reason) {
		if (!valid) {
			throw new InvalidConfigurationPropertyValueException(key, value, reason);
		}
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

		private void validate() {
			require("railtracks.agent.retry.max-attempts", this.maxAttempts, this.maxAttempts >= 1,
					"must be at least 1 (1 disables retries)");
			require("railtracks.agent.retry.initial-backoff", this.initialBackoff,
					!this.initialBackoff.isNegative(), "must be zero or longer");
			require("railtracks.agent.retry.max-backoff", this.maxBackoff,
					this.maxBackoff.compareTo(this.initialBackoff) >= 0,
					"must not be shorter than railtracks.agent.retry.initial-backoff ("
							+ DurationStyle.SIMPLE.print(this.initialBackoff) + ")");
			require("railtracks.agent.retry.multiplier", this.multiplier,
					this.multiplier >= 1.0 && !Double.isInfinite(this.multiplier), "must be a number of at least 1");
		}

	}

}

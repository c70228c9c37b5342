package dev.railtracks.autoconfigure.agent;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.convert.DurationStyle;

import dev.railtracks.agent.RetryPolicy;
import dev.railtracks.autoconfigure.PropertyCheck;
import dev.railtracks.llm.ModelPrice;
import dev.railtracks.llm.ModelPrices;

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

	/**
	 * Prices per million tokens by model name, so that each recorded model call carries its cost (total_cost) when
	 * the provider reports none. Write a name with dots in brackets: railtracks.agent.pricing[gpt-4.1].input-per-million.
	 */
	private final Map<String, Price> pricing = new LinkedHashMap<>();

	public int getMaxRounds() {
		return this.maxRounds;
	}

	public void setMaxRounds(int maxRounds) {
		this.maxRounds = maxRounds;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public Map<String, Price> getPricing() {
		return this.pricing;
	}

	/**
	 * The price table these properties describe.
	 * @return the prices by model
	 */
	ModelPrices prices() {
		Map<String, ModelPrice> prices = new LinkedHashMap<>();
		// Both prices are there: afterPropertiesSet checked them.
		this.pricing.forEach((model, price) -> prices.put(model, new ModelPrice(
				Objects.requireNonNull(price.inputPerMillion), Objects.requireNonNull(price.outputPerMillion))));
		return ModelPrices.of(prices);
	}

	/**
	 * Checks every value, as {@link RetryPolicy} and {@link dev.railtracks.agent.Agent.Builder#maxRounds(int)} would,
	 * in the terms of the properties.
	 * @throws InvalidConfigurationPropertyValueException naming the first bad property, its value and why
	 */
	@Override
	public void afterPropertiesSet() {
		PropertyCheck.require("railtracks.agent.max-rounds", this.maxRounds, this.maxRounds >= 1, "must be at least 1");
		this.retry.validate();
		this.pricing.forEach((model, price) -> {
			String key = "railtracks.agent.pricing[" + model + "]";
			requirePrice(key + ".input-per-million", price.inputPerMillion);
			requirePrice(key + ".output-per-million", price.outputPerMillion);
		});
	}

	private static void requirePrice(String key, @Nullable Double price) {
		PropertyCheck.require(key, price, price != null && price >= 0.0 && Double.isFinite(price),
				"a model's prices need both input-per-million and output-per-million, each a number of at least 0");
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
	 * A model's price, in the currency the application reports costs in.
	 */
	public static class Price {

		/**
		 * Price of a million input (prompt) tokens.
		 */
		private @Nullable Double inputPerMillion;

		/**
		 * Price of a million output (completion) tokens.
		 */
		private @Nullable Double outputPerMillion;

		public @Nullable Double getInputPerMillion() {
			return this.inputPerMillion;
		}

		public void setInputPerMillion(@Nullable Double inputPerMillion) {
			this.inputPerMillion = inputPerMillion;
		}

		public @Nullable Double getOutputPerMillion() {
			return this.outputPerMillion;
		}

		public void setOutputPerMillion(@Nullable Double outputPerMillion) {
			this.outputPerMillion = outputPerMillion;
		}

	}

	/**
	 * Retries of model calls that failed transiently (rate limits, overload, timeouts). A RetryPolicy bean, if the
	 * application declares one, is used instead of these.
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

		/**
		 * Whether the provider clients' own retries (spring.ai.openai.max-retries, spring.ai.anthropic.max-retries,
		 * spring.ai.retry.max-attempts) default to none, so that model calls are retried only by this policy. A value
		 * the application sets for one of those properties still wins.
		 */
		private boolean disableProviderRetries = true;

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
			PropertyCheck.require("railtracks.agent.retry.max-attempts", this.maxAttempts, this.maxAttempts >= 1,
					"must be at least 1 (1 disables retries)");
			PropertyCheck.require("railtracks.agent.retry.initial-backoff", this.initialBackoff,
					!this.initialBackoff.isNegative(), "must be zero or longer");
			PropertyCheck.require("railtracks.agent.retry.max-backoff", this.maxBackoff,
					this.maxBackoff.compareTo(this.initialBackoff) >= 0,
					"must not be shorter than railtracks.agent.retry.initial-backoff ("
							+ DurationStyle.SIMPLE.print(this.initialBackoff) + ")");
			PropertyCheck.require("railtracks.agent.retry.multiplier", this.multiplier,
					this.multiplier >= 1.0 && !Double.isInfinite(this.multiplier), "must be a number of at least 1");
		}

		public boolean isDisableProviderRetries() {
			return this.disableProviderRetries;
		}

		public void setDisableProviderRetries(boolean disableProviderRetries) {
			this.disableProviderRetries = disableProviderRetries;
		}

	}

}

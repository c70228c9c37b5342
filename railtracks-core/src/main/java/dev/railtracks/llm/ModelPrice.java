package dev.railtracks.llm;

import org.jspecify.annotations.Nullable;

/**
 * What a model costs, per million tokens, in the currency the prices are given in.
 *
 * @param inputPerMillion the price of a million input (prompt) tokens, at least 0
 * @param outputPerMillion the price of a million output (completion) tokens, at least 0
 */
public record ModelPrice(double inputPerMillion, double outputPerMillion) {

	/**
	 * A price.
	 * @param inputPerMillion at least 0
	 * @param outputPerMillion at least 0
	 */
	public ModelPrice {
		if (!(inputPerMillion >= 0.0 && Double.isFinite(inputPerMillion))) {
			throw new IllegalArgumentException(
					"Model price inputPerMillion must be a number of at least 0 but was " + inputPerMillion);
		}
		if (!(outputPerMillion >= 0.0 && Double.isFinite(outputPerMillion))) {
			throw new IllegalArgumentException(
					"Model price outputPerMillion must be a number of at least 0 but was " + outputPerMillion);
		}
	}

	/**
	 * The cost of one call.
	 * @param usage the tokens the call used
	 * @return the cost, or {@code null} when the provider did not report both token counts
	 */
	public @Nullable Double cost(TokenUsage usage) {
		Integer input = usage.inputTokens();
		Integer output = usage.outputTokens();
		if (input == null || output == null) {
			return null;
		}
		return (input * this.inputPerMillion + output * this.outputPerMillion) / 1_000_000.0;
	}

}

package dev.railtracks.llm;

import org.jspecify.annotations.Nullable;

/**
 * Per-agent settings of a model call, sent with every request of the agent. Each is optional: {@code null} leaves
 * the model's own default (for a Spring AI model, its {@code spring.ai.<provider>.chat.*} properties).
 *
 * <pre>{@code
 * Agent.builder("planner").model(model).options(new ModelOptions("gpt-4o-mini", 0.2, 800)).build();
 * }</pre>
 *
 * @param model the model to ask, or {@code null} for the model's default
 * @param temperature the sampling temperature, at least 0, or {@code null}
 * @param maxTokens the most tokens the answer may have, at least 1, or {@code null}
 */
public record ModelOptions(@Nullable String model, @Nullable Double temperature, @Nullable Integer maxTokens) {

	/** No settings: every call uses the model's defaults. */
	public static final ModelOptions DEFAULTS = new ModelOptions(null, null, null);

	/**
	 * Model options.
	 * @param model not blank, or {@code null}
	 * @param temperature a number of at least 0, or {@code null}
	 * @param maxTokens at least 1, or {@code null}
	 */
	public ModelOptions {
		if (model != null && model.isBlank()) {
			throw new IllegalArgumentException("Model option 'model' must not be blank but was '" + model + "'");
		}
		if (temperature != null && !(temperature >= 0.0 && Double.isFinite(temperature))) {
			throw new IllegalArgumentException(
					"Model option 'temperature' must be a number of at least 0 but was " + temperature);
		}
		if (maxTokens != null && maxTokens < 1) {
			throw new IllegalArgumentException("Model option 'maxTokens' must be at least 1 but was " + maxTokens);
		}
	}

}

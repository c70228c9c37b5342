package dev.railtracks.llm;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * A model's answer to one request.
 *
 * @param message the assistant message: text, tool calls or both
 * @param usage the tokens used; {@link TokenUsage#UNKNOWN} when not reported
 * @param modelName the model that answered (providers may resolve an alias), or {@code null} to use
 * {@link LanguageModel#modelName()}
 * @param totalCost the cost of the call when known (the provider's, or from {@link ModelPrices}), else {@code null}
 * @param systemFingerprint the provider's identifier of the backend configuration that answered (OpenAI's
 * {@code system_fingerprint}), or {@code null}
 */
public record ModelResponse(AssistantMessage message, TokenUsage usage, @Nullable String modelName,
		@Nullable Double totalCost, @Nullable String systemFingerprint) {

	/**
	 * A response without a system fingerprint.
	 * @param message the assistant message
	 * @param usage the usage
	 * @param modelName the model that answered, or {@code null}
	 * @param totalCost the cost, or {@code null}
	 */
	public ModelResponse(AssistantMessage message, TokenUsage usage, @Nullable String modelName,
			@Nullable Double totalCost) {
		this(message, usage, modelName, totalCost, null);
	}

	/**
	 * A response with token usage and no model name or cost.
	 * @param message the assistant message
	 * @param usage the usage
	 */
	public ModelResponse(AssistantMessage message, TokenUsage usage) {
		this(message, usage, null, null);
	}

	/**
	 * A final text answer, usage unknown.
	 * @param content the text
	 * @return the response
	 */
	public static ModelResponse text(String content) {
		return new ModelResponse(new AssistantMessage(content), TokenUsage.UNKNOWN);
	}

	/**
	 * An answer that asks for tools, usage unknown.
	 * @param calls the tool calls, in order
	 * @return the response
	 */
	public static ModelResponse toolCalls(ToolCall... calls) {
		return new ModelResponse(new AssistantMessage(null, Arrays.asList(calls)), TokenUsage.UNKNOWN);
	}

	/**
	 * The same response with the given token usage.
	 * @param input input tokens
	 * @param output output tokens
	 * @return a copy with that usage
	 */
	public ModelResponse withUsage(int input, int output) {
		return new ModelResponse(this.message, new TokenUsage(input, output), this.modelName, this.totalCost,
				this.systemFingerprint);
	}

	/**
	 * The same response with the given cost.
	 * @param cost the cost of the call, or {@code null}
	 * @return a copy with that cost
	 */
	public ModelResponse withTotalCost(@Nullable Double cost) {
		return new ModelResponse(this.message, this.usage, this.modelName, cost, this.systemFingerprint);
	}

}

package dev.railtracks.agent;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import dev.railtracks.llm.Message;

/**
 * One model round trip as recorded in an agent node's {@code details.internals.llm_details}, with the fields of the
 * original's {@code RequestDetails}. A failed call has a {@code null} output, tokens and cost.
 *
 * @param modelName the model that answered
 * @param modelProvider the provider
 * @param input the messages sent
 * @param output the assistant message received, or {@code null} when the call failed
 * @param inputTokens input tokens, when reported
 * @param outputTokens output tokens, when reported
 * @param totalCost the cost, when known
 * @param systemFingerprint the provider's system fingerprint, when known
 * @param latency the call's duration in seconds
 */
public record LlmRequestDetails(@JsonProperty("model_name") @Nullable String modelName,
		@JsonProperty("model_provider") @Nullable String modelProvider, @JsonProperty("input") List<Message> input,
		@JsonProperty("output") @Nullable Message output, @JsonProperty("input_tokens") @Nullable Integer inputTokens,
		@JsonProperty("output_tokens") @Nullable Integer outputTokens,
		@JsonProperty("total_cost") @Nullable Double totalCost,
		@JsonProperty("system_fingerprint") @Nullable String systemFingerprint,
		@JsonProperty("latency") @Nullable Double latency) {

}

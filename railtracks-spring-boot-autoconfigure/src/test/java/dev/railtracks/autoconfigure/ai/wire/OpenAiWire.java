package dev.railtracks.autoconfigure.ai.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.railtracks.llm.AssistantMessage;
import dev.railtracks.llm.Message;
import dev.railtracks.llm.ModelOptions;
import dev.railtracks.llm.ModelRequest;
import dev.railtracks.llm.ModelResponse;
import dev.railtracks.llm.SystemMessage;
import dev.railtracks.llm.ToolCall;
import dev.railtracks.llm.ToolDefinition;
import dev.railtracks.llm.ToolResultMessage;
import dev.railtracks.llm.UserMessage;

/**
 * OpenAI's chat completions API ({@code POST /v1/chat/completions}), as the OpenAI Java SDK under Spring AI's
 * {@code spring-ai-openai} speaks it.
 */
public final class OpenAiWire implements ProviderWire {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The fingerprint the fake server sends with every answer. */
	public static final String FINGERPRINT = "fp_rt_2026";

	@Override
	public String provider() {
		return "openai";
	}

	@Override
	public String chatPath() {
		return "/v1/chat/completions";
	}

	@Override
	public Map<String, String> properties(String serverUrl, String model) {
		return Map.of("spring.ai.openai.base-url", serverUrl + "/v1", "spring.ai.openai.api-key", API_KEY,
				"spring.ai.openai.chat.model", model);
	}

	@Override
	public ModelRequest read(JsonNode body) {
		List<Message> messages = new ArrayList<>();
		Map<String, String> toolNames = new java.util.HashMap<>();
		for (JsonNode message : body.path("messages")) {
			String role = message.path("role").asString();
			switch (role) {
				case "system", "developer" -> messages.add(new SystemMessage(WireText.of(message.path("content"))));
				case "user" -> messages.add(new UserMessage(WireText.of(message.path("content"))));
				case "assistant" -> {
					List<ToolCall> calls = new ArrayList<>();
					for (JsonNode call : message.path("tool_calls")) {
						String name = call.path("function").path("name").asString();
						toolNames.put(call.path("id").asString(), name);
						calls.add(new ToolCall(call.path("id").asString(), name,
								call.path("function").path("arguments").asString()));
					}
					JsonNode content = message.path("content");
					messages.add(new AssistantMessage(content.isMissingNode() || content.isNull() ? null
							: WireText.of(content), calls));
				}
				case "tool" -> {
					String id = message.path("tool_call_id").asString();
					messages.add(new ToolResultMessage(id, toolNames.getOrDefault(id, "?"),
							WireText.of(message.path("content"))));
				}
				default -> throw new IllegalArgumentException("Unknown OpenAI message role '" + role + "'");
			}
		}
		List<ToolDefinition> tools = new ArrayList<>();
		for (JsonNode tool : body.path("tools")) {
			JsonNode function = tool.path("function");
			tools.add(new ToolDefinition(function.path("name").asString(), function.path("description").asString(),
					function.path("parameters").toString()));
		}
		JsonNode maxTokens = body.has("max_tokens") ? body.path("max_tokens") : body.path("max_completion_tokens");
		return new ModelRequest(messages, tools, null, new ModelOptions(body.path("model").asString(),
				body.has("temperature") ? body.path("temperature").asDouble() : null,
				maxTokens.isNumber() ? maxTokens.asInt() : null));
	}

	@Override
	public String write(ModelResponse response, String model) {
		ObjectNode body = JSON.createObjectNode();
		body.put("id", "chatcmpl-rt");
		body.put("object", "chat.completion");
		body.put("created", 1_780_000_000L);
		body.put("model", (response.modelName() != null) ? response.modelName() : model);
		body.put("system_fingerprint", (response.systemFingerprint() != null) ? response.systemFingerprint()
				: FINGERPRINT);
		ObjectNode choice = body.putArray("choices").addObject();
		choice.put("index", 0);
		ObjectNode message = choice.putObject("message");
		message.put("role", "assistant");
		message.put("content", response.message().content());
		message.putNull("refusal");
		if (response.message().hasToolCalls()) {
			ArrayNode calls = message.putArray("tool_calls");
			for (ToolCall call : response.message().toolCalls()) {
				ObjectNode wireCall = calls.addObject();
				wireCall.put("id", call.id());
				wireCall.put("type", "function");
				wireCall.putObject("function").put("name", call.name()).put("arguments", call.arguments());
			}
		}
		choice.put("finish_reason", response.message().hasToolCalls() ? "tool_calls" : "stop");
		choice.putNull("logprobs");
		int in = WireText.tokens(response.usage().inputTokens());
		int out = WireText.tokens(response.usage().outputTokens());
		body.putObject("usage").put("prompt_tokens", in).put("completion_tokens", out).put("total_tokens", in + out);
		return body.toString();
	}

	@Override
	public String error(int status, String message) {
		ObjectNode body = JSON.createObjectNode();
		body.putObject("error").put("message", message).put("type", (status == 429) ? "rate_limit_exceeded"
				: "server_error").putNull("param").put("code", String.valueOf(status));
		return body.toString();
	}

}

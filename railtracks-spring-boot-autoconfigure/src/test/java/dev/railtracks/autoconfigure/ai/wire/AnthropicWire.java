package dev.railtracks.autoconfigure.ai.wire;

import java.util.ArrayList;
import java.util.HashMap;
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
 * Anthropic's messages API ({@code POST /v1/messages}), as the Anthropic Java SDK under Spring AI's
 * {@code spring-ai-anthropic} speaks it: content blocks, {@code tool_use} and {@code tool_result}.
 */
public final class AnthropicWire implements ProviderWire {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Override
	public String provider() {
		return "anthropic";
	}

	@Override
	public String chatPath() {
		return "/v1/messages";
	}

	@Override
	public Map<String, String> properties(String serverUrl, String model) {
		return Map.of("spring.ai.anthropic.base-url", serverUrl, "spring.ai.anthropic.api-key", API_KEY,
				"spring.ai.anthropic.chat.model", model);
	}

	@Override
	public ModelRequest read(JsonNode body) {
		List<Message> messages = new ArrayList<>();
		if (body.has("system")) {
			messages.add(new SystemMessage(WireText.of(body.path("system"))));
		}
		Map<String, String> toolNames = new HashMap<>();
		for (JsonNode message : body.path("messages")) {
			boolean assistant = message.path("role").asString().equals("assistant");
			JsonNode content = message.path("content");
			List<ToolCall> calls = new ArrayList<>();
			StringBuilder text = new StringBuilder(content.isString() ? content.asString() : "");
			for (JsonNode block : content.isArray() ? content : JSON.createArrayNode()) {
				switch (block.path("type").asString()) {
					case "text" -> text.append(block.path("text").asString());
					case "tool_use" -> {
						toolNames.put(block.path("id").asString(), block.path("name").asString());
						calls.add(new ToolCall(block.path("id").asString(), block.path("name").asString(),
								block.path("input").toString()));
					}
					case "tool_result" -> {
						String id = block.path("tool_use_id").asString();
						messages.add(new ToolResultMessage(id, toolNames.getOrDefault(id, "?"),
								WireText.of(block.path("content"))));
					}
					default -> throw new IllegalArgumentException("Unknown Anthropic block " + block);
				}
			}
			if (assistant) {
				messages.add(new AssistantMessage(text.isEmpty() ? null : text.toString(), calls));
			}
			else if (!text.isEmpty()) {
				messages.add(new UserMessage(text.toString()));
			}
		}
		List<ToolDefinition> tools = new ArrayList<>();
		for (JsonNode tool : body.path("tools")) {
			tools.add(new ToolDefinition(tool.path("name").asString(), tool.path("description").asString(),
					tool.path("input_schema").toString()));
		}
		return new ModelRequest(messages, tools, null, new ModelOptions(body.path("model").asString(),
				body.has("temperature") ? body.path("temperature").asDouble() : null,
				body.has("max_tokens") ? body.path("max_tokens").asInt() : null));
	}

	@Override
	public String write(ModelResponse response, String model) {
		ObjectNode body = JSON.createObjectNode();
		body.put("id", "msg_rt");
		body.put("type", "message");
		body.put("role", "assistant");
		body.put("model", (response.modelName() != null) ? response.modelName() : model);
		ArrayNode content = body.putArray("content");
		if (response.message().content() != null) {
			content.addObject().put("type", "text").put("text", response.message().content());
		}
		for (ToolCall call : response.message().toolCalls()) {
			content.addObject()
				.put("type", "tool_use")
				.put("id", call.id())
				.put("name", call.name())
				.set("input", JSON.readTree(call.arguments()));
		}
		body.put("stop_reason", response.message().hasToolCalls() ? "tool_use" : "end_turn");
		body.putNull("stop_sequence");
		body.putObject("usage")
			.put("input_tokens", WireText.tokens(response.usage().inputTokens()))
			.put("output_tokens", WireText.tokens(response.usage().outputTokens()));
		return body.toString();
	}

	@Override
	public String error(int status, String message) {
		ObjectNode body = JSON.createObjectNode();
		body.put("type", "error");
		body.putObject("error").put("type", (status == 429) ? "rate_limit_error" : "api_error").put("message", message);
		return body.toString();
	}

}

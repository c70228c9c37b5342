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
 * Ollama's chat API ({@code POST /api/chat}, not streamed), as Spring AI's {@code spring-ai-ollama} speaks it through
 * Spring's {@code RestClient}. Ollama's tool calls have no ids: a tool result answers the call at its position, and
 * the fake server sends none.
 */
public final class OllamaWire implements ProviderWire {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Override
	public String provider() {
		return "ollama";
	}

	@Override
	public String chatPath() {
		return "/api/chat";
	}

	@Override
	public Map<String, String> properties(String serverUrl, String model) {
		return Map.of("spring.ai.ollama.base-url", serverUrl, "spring.ai.ollama.chat.model", model);
	}

	@Override
	public ModelRequest read(JsonNode body) {
		List<Message> messages = new ArrayList<>();
		List<ToolCall> pending = new ArrayList<>();
		for (JsonNode message : body.path("messages")) {
			String role = message.path("role").asString();
			String content = WireText.of(message.path("content"));
			switch (role) {
				case "system" -> messages.add(new SystemMessage(content));
				case "user" -> messages.add(new UserMessage(content));
				case "assistant" -> {
					pending.clear();
					for (JsonNode call : message.path("tool_calls")) {
						JsonNode function = call.path("function");
						String id = call.path("id").isString() ? call.path("id").asString() : "?";
						pending.add(new ToolCall(id, function.path("name").asString(),
								function.path("arguments").toString()));
					}
					messages.add(new AssistantMessage(content.isEmpty() ? null : content, List.copyOf(pending)));
				}
				case "tool" -> {
					ToolCall call = pending.isEmpty() ? new ToolCall("?", "?", "{}") : pending.remove(0);
					messages.add(new ToolResultMessage(call.id(), call.name(), content));
				}
				default -> throw new IllegalArgumentException("Unknown Ollama message role '" + role + "'");
			}
		}
		List<ToolDefinition> tools = new ArrayList<>();
		for (JsonNode tool : body.path("tools")) {
			JsonNode function = tool.path("function");
			tools.add(new ToolDefinition(function.path("name").asString(), function.path("description").asString(),
					function.path("parameters").toString()));
		}
		JsonNode options = body.path("options");
		return new ModelRequest(messages, tools, null, new ModelOptions(body.path("model").asString(),
				options.has("temperature") ? options.path("temperature").asDouble() : null,
				options.has("num_predict") ? options.path("num_predict").asInt() : null));
	}

	@Override
	public String write(ModelResponse response, String model) {
		ObjectNode body = JSON.createObjectNode();
		body.put("model", (response.modelName() != null) ? response.modelName() : model);
		body.put("created_at", "2026-12-03T10:00:00Z");
		ObjectNode message = body.putObject("message");
		message.put("role", "assistant");
		message.put("content", (response.message().content() != null) ? response.message().content() : "");
		if (response.message().hasToolCalls()) {
			ArrayNode calls = message.putArray("tool_calls");
			for (ToolCall call : response.message().toolCalls()) {
				calls.addObject().putObject("function").put("name", call.name())
					.set("arguments", JSON.readTree(call.arguments()));
			}
		}
		body.put("done", true);
		body.put("done_reason", "stop");
		body.put("total_duration", 1_000_000L);
		body.put("prompt_eval_count", WireText.tokens(response.usage().inputTokens()));
		body.put("eval_count", WireText.tokens(response.usage().outputTokens()));
		return body.toString();
	}

	@Override
	public String error(int status, String message) {
		return JSON.createObjectNode().put("error", message).toString();
	}

}

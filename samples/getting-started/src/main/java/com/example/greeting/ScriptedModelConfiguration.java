package com.example.greeting;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.railtracks.llm.ModelRequest;
import dev.railtracks.llm.ModelResponse;
import dev.railtracks.llm.ScriptedModel;
import dev.railtracks.llm.ToolCall;
import dev.railtracks.llm.ToolResultMessage;

// The application's model: scripted, so the app and its tests run offline. To use a real provider, set
// greeting.scripted-model=false and add a Spring AI model starter (docs/agents.md).
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "greeting.scripted-model", matchIfMissing = true)
public class ScriptedModelConfiguration {

	@Bean
	ScriptedModel scriptedModel() {
		// The function form: each answer is computed from the request, as a model would from the conversation.
		return ScriptedModel.of(ScriptedModelConfiguration::answer);
	}

	static ModelResponse answer(ModelRequest request) {
		if (request.outputSchema() != null) {
			// card_writer: the greeting "language: text" as a Card in JSON
			String[] greeting = request.lastUserText().split(": ", 2);
			return ModelResponse.text("{\"language\":\"" + greeting[0] + "\",\"text\":\"" + greeting[1] + "\"}");
		}
		// greeting_writer, asked "<name> from <city>": the language, then its hello, then the greeting
		String[] guest = request.lastUserText().split(" from ", 2);
		List<String> results = request.messages()
			.stream()
			.filter(ToolResultMessage.class::isInstance)
			.map((message) -> ((ToolResultMessage) message).content())
			.toList();
		return switch (results.size()) {
			case 0 -> ModelResponse.toolCalls(new ToolCall("1", "language", "{\"city\":\"" + guest[1] + "\"}"));
			case 1 -> ModelResponse.toolCalls(new ToolCall("2", "hello", "{\"language\":\"" + results.get(0) + "\"}"));
			default -> ModelResponse.text(results.get(0) + ": " + results.get(1) + ", " + guest[0] + "!");
		};
	}

}

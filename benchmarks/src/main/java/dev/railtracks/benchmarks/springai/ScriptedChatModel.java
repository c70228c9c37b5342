package dev.railtracks.benchmarks.springai;

import java.util.ArrayList;
import java.util.List;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;

import dev.railtracks.llm.LanguageModel;
import dev.railtracks.llm.ModelRequest;
import dev.railtracks.llm.ModelResponse;
import dev.railtracks.llm.ToolCall;
import dev.railtracks.llm.ToolResultMessage;

/**
 * The demo's scripted model seen as a Spring AI {@link ChatModel}, so that the plain Spring AI app plans with exactly
 * the script the demo's agent uses (the same class, the same bean definition and its {@code trip-planner.model-delay}).
 * Each call translates the prompt's messages into the script's request and its answer back; the script reads only
 * the messages, so the tools' definitions are not translated.
 */
public final class ScriptedChatModel implements ChatModel {

	private final LanguageModel script;

	/**
	 * A chat model that answers with a Railtracks language model.
	 * @param script the scripted model
	 */
	public ScriptedChatModel(LanguageModel script) {
		this.script = script;
	}

	/**
	 * Tool-calling options, as every provider's chat model has: a chat client gives its tools and tool context only
	 * to such options, and runs the tool calls only for them.
	 * @return empty tool-calling options
	 */
	@Override
	public ChatOptions getOptions() {
		return ToolCallingChatOptions.builder().build();
	}

	@Override
	public ChatResponse call(Prompt prompt) {
		ModelResponse answer = this.script.chat(new ModelRequest(messages(prompt.getInstructions()), List.of(), null));
		List<AssistantMessage.ToolCall> calls = new ArrayList<>();
		for (ToolCall call : answer.message().toolCalls()) {
			calls.add(new AssistantMessage.ToolCall(call.id(), "function", call.name(), call.arguments()));
		}
		String text = answer.message().content();
		AssistantMessage output = AssistantMessage.builder()
			.content((text != null) ? text : "")
			.toolCalls(calls)
			.build();
		Integer in = answer.usage().inputTokens();
		Integer out = answer.usage().outputTokens();
		ChatResponseMetadata metadata = ChatResponseMetadata.builder()
			.model(this.script.modelName())
			.usage(new DefaultUsage(in, out))
			.build();
		return new ChatResponse(List.of(new Generation(output)), metadata);
	}

	private static List<dev.railtracks.llm.Message> messages(List<Message> instructions) {
		List<dev.railtracks.llm.Message> messages = new ArrayList<>(instructions.size() + 2);
		for (Message message : instructions) {
			if (message instanceof SystemMessage system) {
				messages.add(new dev.railtracks.llm.SystemMessage(system.getText()));
			}
			else if (message instanceof UserMessage user) {
				messages.add(new dev.railtracks.llm.UserMessage(user.getText()));
			}
			else if (message instanceof AssistantMessage assistant) {
				List<ToolCall> calls = assistant.getToolCalls()
					.stream()
					.map((call) -> new ToolCall(call.id(), call.name(), call.arguments()))
					.toList();
				messages.add(new dev.railtracks.llm.AssistantMessage(assistant.getText(), calls));
			}
			else if (message instanceof ToolResponseMessage results) {
				// Spring AI answers all of a turn's tool calls in one message; the script expects one result each.
				for (ToolResponseMessage.ToolResponse result : results.getResponses()) {
					messages.add(new ToolResultMessage(result.id(), result.name(), result.responseData()));
				}
			}
			else {
				throw new IllegalArgumentException("The scripted trip model has no counterpart for a "
						+ message.getMessageType() + " message");
			}
		}
		return messages;
	}

}

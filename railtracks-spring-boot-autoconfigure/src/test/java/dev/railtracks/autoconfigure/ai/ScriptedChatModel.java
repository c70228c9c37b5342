package dev.railtracks.autoconfigure.ai;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * An implementation of Spring AI's own {@link ChatModel} that answers from a script and keeps every prompt: the
 * provider stand-in of the adapter tests. Answers carry usage, the model name and a system fingerprint in Spring AI's metadata.
 */
public class ScriptedChatModel implements ChatModel {

	private final Function<Prompt, AssistantMessage> script;

	private final List<Prompt> prompts = new CopyOnWriteArrayList<>();

	public ScriptedChatModel(Function<Prompt, AssistantMessage> script) {
		this.script = script;
	}

	@Override
	public ChatResponse call(Prompt prompt) {
		this.prompts.add(prompt);
		AssistantMessage answer = this.script.apply(prompt);
		ChatResponseMetadata metadata = ChatResponseMetadata.builder()
			.model("scripted-chat-2026")
			.usage(new DefaultUsage(prompt.getInstructions().size() * 10, 7))
			.keyValue("system-fingerprint", "fp_scripted")
			.build();
		return new ChatResponse(List.of(new Generation(answer)), metadata);
	}

	@Override
	public ChatOptions getOptions() {
		return ChatOptions.builder().model("scripted-chat").build();
	}

	public List<Prompt> prompts() {
		return this.prompts;
	}

}

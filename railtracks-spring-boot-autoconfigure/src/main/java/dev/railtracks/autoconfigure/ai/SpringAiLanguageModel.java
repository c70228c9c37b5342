package dev.railtracks.autoconfigure.ai;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

import dev.railtracks.llm.LanguageModel;
import dev.railtracks.llm.Message;
import dev.railtracks.llm.ModelRequest;
import dev.railtracks.llm.ModelResponse;
import dev.railtracks.llm.TokenUsage;
import dev.railtracks.llm.ToolCall;
import dev.railtracks.llm.ToolResultMessage;
import dev.railtracks.llm.TransientModelException;

/**
 * A Spring AI {@link ChatModel} seen as a Railtracks {@link LanguageModel}. Spring AI executes no tools here: the
 * agent's tools are passed as definitions so that the model can ask for them, and the model's tool calls come back to
 * the agent, which runs each as a node. A structured answer is requested by adding the output's JSON schema to the
 * system message. Spring AI's {@code TransientAiException} becomes a {@link TransientModelException}, so agents retry
 * it.
 *
 * @author Railtracks
 * @since 0.1.0
 */
public final class SpringAiLanguageModel implements LanguageModel {

	private static final String TRANSIENT_AI_EXCEPTION = "org.springframework.ai.retry.TransientAiException";

	private final ChatModel chatModel;

	private final String modelName;

	private final String provider;

	/**
	 * Adapts a chat model, naming it from its default options and its class ({@code OpenAiChatModel} is provider
	 * {@code openai}).
	 * @param chatModel the chat model
	 */
	public SpringAiLanguageModel(ChatModel chatModel) {
		this(chatModel, defaultModelName(chatModel), providerOf(chatModel));
	}

	/**
	 * Adapts a chat model with an explicit name and provider, as recorded and observed.
	 * @param chatModel the chat model
	 * @param modelName the model's name
	 * @param provider the provider
	 */
	public SpringAiLanguageModel(ChatModel chatModel, String modelName, String provider) {
		Assert.notNull(chatModel, "'chatModel' must not be null");
		Assert.hasText(modelName, "'modelName' must not be empty");
		Assert.hasText(provider, "'provider' must not be empty");
		this.chatModel = chatModel;
		this.modelName = modelName;
		this.provider = provider;
	}

	/**
	 * The single {@link ChatModel} bean of a bean factory, adapted.
	 * @param beanFactory the bean factory
	 * @return the adapted model, or {@code null} when there is no chat model bean or several
	 */
	public static @Nullable LanguageModel fromUniqueChatModel(BeanFactory beanFactory) {
		ChatModel chatModel = beanFactory.getBeanProvider(ChatModel.class).getIfUnique();
		return (chatModel != null) ? new SpringAiLanguageModel(chatModel) : null;
	}

	@Override
	public ModelResponse chat(ModelRequest request) {
		Prompt prompt = prompt(request);
		ChatResponse response;
		try {
			response = this.chatModel.call(prompt);
		}
		catch (RuntimeException ex) {
			if (isTransientAiException(ex)) {
				throw new TransientModelException(this.provider + " model " + this.modelName + ": " + ex.getMessage(), ex);
			}
			throw ex;
		}
		return response(response);
	}

	private Prompt prompt(ModelRequest request) {
		List<org.springframework.ai.chat.messages.Message> messages = new ArrayList<>();
		for (Message message : request.messages()) {
			messages.add(toSpringAi(message));
		}
		ChatOptions options = null;
		if (!request.tools().isEmpty()) {
			List<ToolCallback> callbacks = request.tools().stream()
				.<ToolCallback>map(DefinitionOnlyToolCallback::new)
				.toList();
			options = ToolCallingChatOptions.builder().toolCallbacks(callbacks).build();
		}
		Prompt prompt = (options != null) ? new Prompt(messages, options) : new Prompt(messages);
		String schema = request.outputSchema();
		if (schema != null) {
			prompt = prompt.augmentSystemMessage((system) -> system.mutate()
				.text(withFormat(system.getText(), schema))
				.build());
		}
		return prompt;
	}

	private static String withFormat(@Nullable String system, String schema) {
		String format = "Answer with one JSON document and nothing else (no Markdown, no explanation). It must be valid"
				+ " against this JSON schema:\n" + schema;
		return StringUtils.hasText(system) ? system + "\n\n" + format : format;
	}

	private static org.springframework.ai.chat.messages.Message toSpringAi(Message message) {
		if (message instanceof dev.railtracks.llm.SystemMessage system) {
			return new SystemMessage(system.content());
		}
		if (message instanceof dev.railtracks.llm.UserMessage user) {
			return new UserMessage(user.content());
		}
		if (message instanceof dev.railtracks.llm.AssistantMessage assistant) {
			List<AssistantMessage.ToolCall> calls = assistant.toolCalls().stream()
				.map((call) -> new AssistantMessage.ToolCall(call.id(), "function", call.name(), call.arguments()))
				.toList();
			return AssistantMessage.builder()
				.content((assistant.content() != null) ? assistant.content() : "")
				.toolCalls(calls)
				.build();
		}
		ToolResultMessage result = (ToolResultMessage) message;
		return ToolResponseMessage.builder()
			.responses(List.of(new ToolResponseMessage.ToolResponse(result.toolCallId(), result.name(), result.content())))
			.build();
	}

	private ModelResponse response(@Nullable ChatResponse response) {
		Generation generation = (response != null) ? response.getResult() : null;
		if (response == null || generation == null) {
			throw new IllegalStateException(this.provider + " model " + this.modelName + " returned no generation");
		}
		AssistantMessage output = generation.getOutput();
		List<ToolCall> calls = new ArrayList<>();
		for (AssistantMessage.ToolCall call : output.getToolCalls()) {
			calls.add(new ToolCall(call.id(), call.name(), (call.arguments() != null) ? call.arguments() : ""));
		}
		ChatResponseMetadata metadata = response.getMetadata();
		Usage usage = metadata.getUsage();
		TokenUsage tokens = (usage != null) ? new TokenUsage(usage.getPromptTokens(), usage.getCompletionTokens())
				: TokenUsage.UNKNOWN;
		String answeredBy = StringUtils.hasText(metadata.getModel()) ? metadata.getModel() : null;
		return new ModelResponse(new dev.railtracks.llm.AssistantMessage(output.getText(), calls), tokens, answeredBy,
				null);
	}

	private static boolean isTransientAiException(Throwable failure) {
		// Spring AI's retry module is optional: recognise its transient failure by name.
		for (Class<?> type = failure.getClass(); type != null; type = type.getSuperclass()) {
			if (type.getName().equals(TRANSIENT_AI_EXCEPTION)) {
				return true;
			}
		}
		return false;
	}

	private static String defaultModelName(ChatModel chatModel) {
		ChatOptions options = chatModel.getDefaultOptions();
		String model = (options != null) ? options.getModel() : null;
		return StringUtils.hasText(model) ? model : "unknown";
	}

	private static String providerOf(ChatModel chatModel) {
		String name = chatModel.getClass().getSimpleName();
		if (name.endsWith("ChatModel") && name.length() > "ChatModel".length()) {
			return name.substring(0, name.length() - "ChatModel".length()).toLowerCase(Locale.ROOT);
		}
		return "spring-ai";
	}

	@Override
	public String modelName() {
		return this.modelName;
	}

	@Override
	public String provider() {
		return this.provider;
	}

	@Override
	public String toString() {
		return "SpringAiLanguageModel[" + this.provider + "/" + this.modelName + "]";
	}

}

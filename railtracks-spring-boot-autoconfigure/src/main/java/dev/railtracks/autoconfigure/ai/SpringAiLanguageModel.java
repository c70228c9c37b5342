package dev.railtracks.autoconfigure.ai;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

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
import dev.railtracks.llm.ModelOptions;
import dev.railtracks.llm.ModelRequest;
import dev.railtracks.llm.ModelResponse;
import dev.railtracks.llm.ProviderException;
import dev.railtracks.llm.TokenUsage;
import dev.railtracks.llm.ToolCall;
import dev.railtracks.llm.ToolResultMessage;
import dev.railtracks.llm.TransientModelException;

/**
 * A Spring AI {@link ChatModel} seen as a Railtracks {@link LanguageModel}.
 *
 * <p>Each request's options are the chat model's own ({@link ChatModel#getOptions()}, e.g. {@code OpenAiChatOptions}
 * from the {@code spring.ai.openai.chat.*} properties), {@linkplain ChatOptions#mutate() copied} and given the agent's
 * {@link ModelOptions} and tool definitions, as Spring AI's {@code ChatClient} does; so every provider receives its own
 * options type. Spring AI executes no tools here (since Spring AI 2.0 a chat model never does; only
 * {@code ChatClient}'s tool-calling advisor would): the tools are definitions the model can ask for, and its tool calls
 * come back to the agent, which runs each as a node. A structured answer is requested by adding the output's JSON
 * schema to the system message, which every provider honours.
 *
 * <p>Failures of the provider's client become {@link ProviderException}s (rate limit, unavailable, timeout,
 * authentication, bad request, unreadable answer) carrying the provider, the HTTP status and {@code Retry-After};
 * other transient Spring AI failures ({@code TransientAiException}) become a {@link TransientModelException}. The
 * response's usage, model and {@code system-fingerprint} metadata are recorded.
 *
 * @author Railtracks
 * @since 0.1.0
 */
public final class SpringAiLanguageModel implements LanguageModel {

	/** Keys under which Spring AI modules put a provider's system fingerprint in the response metadata. */
	private static final List<String> FINGERPRINT_KEYS = List.of("system-fingerprint", "system_fingerprint",
			"systemFingerprint");

	private final ChatModel chatModel;

	private final String modelName;

	private final String provider;

	/**
	 * Adapts a chat model, naming it from its options' model and its class ({@code OpenAiChatModel} is provider
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
		String model = (request.options().model() != null) ? request.options().model() : this.modelName;
		try {
			response = this.chatModel.call(prompt);
		}
		catch (RuntimeException ex) {
			throw ProviderFailures.classify(this.provider, model, ex);
		}
		return response(response);
	}

	private Prompt prompt(ModelRequest request) {
		List<org.springframework.ai.chat.messages.Message> messages = new ArrayList<>();
		for (Message message : request.messages()) {
			messages.add(toSpringAi(message));
		}
		Prompt prompt = new Prompt(messages, options(request));
		String schema = request.outputSchema();
		if (schema != null) {
			prompt = prompt.augmentSystemMessage((system) -> system.mutate()
				.text(withFormat(system.getText(), schema))
				.build());
		}
		return prompt;
	}

	/**
	 * The model's own options (its provider's type, with its configured model, key, timeout...) with the agent's
	 * options over them and exactly the agent's tools: none of the model's default tool callbacks, which only Spring
	 * AI could run.
	 */
	private ChatOptions options(ModelRequest request) {
		ChatOptions.Builder<?> builder = this.chatModel.getOptions().mutate();
		ModelOptions agent = request.options();
		if (agent.model() != null) {
			builder.model(agent.model());
		}
		if (agent.temperature() != null) {
			builder.temperature(agent.temperature());
		}
		if (agent.maxTokens() != null) {
			builder.maxTokens(agent.maxTokens());
		}
		List<ToolCallback> tools = request.tools().stream().<ToolCallback>map(DefinitionOnlyToolCallback::new).toList();
		if (builder instanceof ToolCallingChatOptions.Builder<?> toolCalling) {
			toolCalling.toolCallbacks(tools);
		}
		else if (!tools.isEmpty()) {
			// A chat model without tool-calling options of its own (a plain ChatModel): Spring AI's generic ones.
			return ToolCallingChatOptions.builder().combineWith(builder).toolCallbacks(tools).build();
		}
		return builder.build();
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
			// Ollama's chat API has no tool-call ids; the agent pairs each result with its call by id.
			String id = StringUtils.hasText(call.id()) ? call.id() : "call_" + UUID.randomUUID();
			calls.add(new ToolCall(id, call.name(), (call.arguments() != null) ? call.arguments() : ""));
		}
		ChatResponseMetadata metadata = response.getMetadata();
		Usage usage = metadata.getUsage();
		TokenUsage tokens = (usage != null) ? new TokenUsage(usage.getPromptTokens(), usage.getCompletionTokens())
				: TokenUsage.UNKNOWN;
		String answeredBy = StringUtils.hasText(metadata.getModel()) ? metadata.getModel() : null;
		return new ModelResponse(new dev.railtracks.llm.AssistantMessage(output.getText(), calls), tokens, answeredBy,
				null, fingerprint(metadata));
	}

	private static @Nullable String fingerprint(ChatResponseMetadata metadata) {
		for (String key : FINGERPRINT_KEYS) {
			Object value = metadata.get(key);
			if (value != null && StringUtils.hasText(value.toString())) {
				return value.toString();
			}
		}
		return null;
	}

	private static String defaultModelName(ChatModel chatModel) {
		String model = chatModel.getOptions().getModel();
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

package dev.railtracks.llm;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What an agent sends to its model in one round.
 *
 * @param messages the conversation so far, system message first
 * @param tools the tools the model may ask for; empty when it has none
 * @param outputSchema the JSON schema (as text) the final answer must follow, or {@code null} for free text
 * @param options the agent's model, temperature and token limit; {@link ModelOptions#DEFAULTS} for the model's own
 */
public record ModelRequest(List<Message> messages, List<ToolDefinition> tools, @Nullable String outputSchema,
		ModelOptions options) {

	/**
	 * A request.
	 * @param messages the conversation; copied
	 * @param tools the tools; copied
	 * @param outputSchema the answer's schema, or {@code null}
	 * @param options the call's options
	 */
	public ModelRequest {
		messages = List.copyOf(messages);
		tools = List.copyOf(tools);
		if (options == null) {
			throw new IllegalArgumentException("ModelRequest options must not be null: use ModelOptions.DEFAULTS");
		}
	}

	/**
	 * A request with the model's default options.
	 * @param messages the conversation; copied
	 * @param tools the tools; copied
	 * @param outputSchema the answer's schema, or {@code null}
	 */
	public ModelRequest(List<Message> messages, List<ToolDefinition> tools, @Nullable String outputSchema) {
		this(messages, tools, outputSchema, ModelOptions.DEFAULTS);
	}

	/**
	 * The text of the last user message, a convenience for scripted models.
	 * @return the text, or an empty string when there is no user message
	 */
	public String lastUserText() {
		for (int i = this.messages.size() - 1; i >= 0; i--) {
			if (this.messages.get(i) instanceof UserMessage user) {
				return user.content();
			}
		}
		return "";
	}

}

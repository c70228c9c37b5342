package dev.railtracks.llm;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The model's answer: text, tool calls, or both.
 *
 * @param content the text; {@code null} when the model only asked for tools
 * @param toolCalls the tools the model asks to run, in its order; empty for a final answer
 */
public record AssistantMessage(@Nullable String content, List<ToolCall> toolCalls) implements Message {

	/**
	 * An assistant message.
	 * @param content the text, or {@code null}
	 * @param toolCalls the tool calls; copied
	 */
	public AssistantMessage {
		toolCalls = List.copyOf(toolCalls);
	}

	/**
	 * A final answer with text only.
	 * @param content the text
	 */
	public AssistantMessage(String content) {
		this(content, List.of());
	}

	/**
	 * Whether the model asks for tools.
	 * @return {@code true} when there is at least one tool call
	 */
	public boolean hasToolCalls() {
		return !this.toolCalls.isEmpty();
	}

	@Override
	public String role() {
		return "assistant";
	}

	/**
	 * As saved by the original: the content is the list of tool calls when there are any, else the text.
	 */
	@Override
	public Map<String, Object> toJson() {
		Object content = hasToolCalls() ? this.toolCalls.stream().map(ToolCall::toJson).toList()
				: (this.content != null) ? this.content : "";
		return Map.of("role", role(), "content", content);
	}

}

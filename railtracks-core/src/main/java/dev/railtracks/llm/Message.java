package dev.railtracks.llm;

import java.util.Map;

import tools.jackson.databind.annotation.JsonSerialize;

/**
 * One message of a conversation with a model. Recorded and saved as {@code {"role": ..., "content": ...}}, the shape
 * the Railtracks tools read.
 */
@JsonSerialize(using = MessageSerializer.class)
public sealed interface Message permits SystemMessage, UserMessage, AssistantMessage, ToolResultMessage {

	/**
	 * The message's role.
	 * @return {@code system}, {@code user}, {@code assistant} or {@code tool}
	 */
	String role();

	/**
	 * The message as saved: its role and its content (text, the tool calls, or the tool result).
	 * @return a map with {@code role} and {@code content}
	 */
	Map<String, Object> toJson();

}

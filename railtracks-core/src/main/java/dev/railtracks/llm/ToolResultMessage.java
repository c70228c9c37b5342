package dev.railtracks.llm;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result of one tool call, sent back to the model.
 *
 * @param toolCallId the id of the {@link ToolCall} it answers
 * @param name the tool's name
 * @param content the result (or the error) as text
 */
public record ToolResultMessage(String toolCallId, String name, String content) implements Message {

	/**
	 * A tool result.
	 * @param toolCallId the call's id; not {@code null}
	 * @param name the tool's name; not {@code null}
	 * @param content the result as text; not {@code null}
	 */
	public ToolResultMessage {
		if (toolCallId == null || name == null || content == null) {
			throw new IllegalArgumentException("Tool result needs a call id, a name and content but was (" + toolCallId
					+ ", " + name + ", " + content + ")");
		}
	}

	@Override
	public String role() {
		return "tool";
	}

	/**
	 * As saved by the original: {@code {"identifier", "name", "result"}} as the content.
	 */
	@Override
	public Map<String, Object> toJson() {
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("identifier", this.toolCallId);
		response.put("name", this.name);
		response.put("result", this.content);
		return Map.of("role", role(), "content", response);
	}

}

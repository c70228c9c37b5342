package dev.railtracks.llm;

import java.util.Map;

/**
 * What the user says.
 *
 * @param content the text
 */
public record UserMessage(String content) implements Message {

	/**
	 * A user message.
	 * @param content the text; not {@code null}
	 */
	public UserMessage {
		if (content == null) {
			throw new IllegalArgumentException("User message content must not be null");
		}
	}

	@Override
	public String role() {
		return "user";
	}

	@Override
	public Map<String, Object> toJson() {
		return Map.of("role", role(), "content", this.content);
	}

}

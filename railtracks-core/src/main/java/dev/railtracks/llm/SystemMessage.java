package dev.railtracks.llm;

import java.util.Map;

/**
 * Instructions for the model.
 *
 * @param content the instructions
 */
public record SystemMessage(String content) implements Message {

	/**
	 * A system message.
	 * @param content the instructions; not {@code null}
	 */
	public SystemMessage {
		if (content == null) {
			throw new IllegalArgumentException("System message content must not be null");
		}
	}

	@Override
	public String role() {
		return "system";
	}

	@Override
	public Map<String, Object> toJson() {
		return Map.of("role", role(), "content", this.content);
	}

}

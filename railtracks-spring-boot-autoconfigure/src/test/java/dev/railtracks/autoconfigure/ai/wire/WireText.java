package dev.railtracks.autoconfigure.ai.wire;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What the wires share: message content that is a string or a list of text parts, and token counts a scripted answer
 * may leave out.
 */
final class WireText {

	private WireText() {
	}

	/**
	 * The text of a content node.
	 * @param content a string, or an array of {@code {"type":"text","text":...}} parts
	 * @return the text, parts joined
	 */
	static String of(JsonNode content) {
		if (!content.isArray()) {
			return content.isNull() || content.isMissingNode() ? "" : content.asString();
		}
		StringBuilder text = new StringBuilder();
		for (JsonNode part : content) {
			if (part.isString()) {
				text.append(part.asString());
			}
			else if (part.has("text")) {
				text.append(part.path("text").asString());
			}
		}
		return text.toString();
	}

	/**
	 * A token count to send.
	 * @param count the scripted count, or {@code null}
	 * @return the count, 0 when unset
	 */
	static int tokens(@Nullable Integer count) {
		return (count != null) ? count : 0;
	}

}

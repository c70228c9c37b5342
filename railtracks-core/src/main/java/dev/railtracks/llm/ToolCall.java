package dev.railtracks.llm;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's request to run one tool.
 *
 * @param id the identifier the tool's result must carry back
 * @param name the tool's name
 * @param arguments the arguments as the model wrote them: a JSON object as text, possibly malformed
 */
public record ToolCall(String id, String name, String arguments) {

	/**
	 * A tool call.
	 * @param id the identifier; not {@code null}
	 * @param name the tool's name; not {@code null}
	 * @param arguments the arguments as JSON text; not {@code null}
	 */
	public ToolCall {
		if (id == null || name == null || arguments == null) {
			throw new IllegalArgumentException("Tool call needs an id, a name and arguments but was (" + id + ", " + name
					+ ", " + arguments + ")");
		}
	}

	/**
	 * The call as saved, with the field names of the original ({@code identifier}, {@code name}, {@code arguments}).
	 * @return the call as a map
	 */
	Map<String, Object> toJson() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("identifier", this.id);
		json.put("name", this.name);
		json.put("arguments", this.arguments);
		return json;
	}

}

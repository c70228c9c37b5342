package dev.railtracks.llm;

/**
 * A tool the model may ask for.
 *
 * @param name the tool's name, as the model must write it
 * @param description what the tool does, for the model
 * @param inputSchema the JSON schema of the tool's arguments (an object schema), as text
 */
public record ToolDefinition(String name, String description, String inputSchema) {

	/**
	 * A tool definition.
	 * @param name the name; not blank
	 * @param description the description; not {@code null}
	 * @param inputSchema the schema; not {@code null}
	 */
	public ToolDefinition {
		if (name == null || name.isBlank() || description == null || inputSchema == null) {
			throw new IllegalArgumentException("Tool definition needs a name, a description and a schema but was (" + name
					+ ", " + description + ", " + inputSchema + ")");
		}
	}

}

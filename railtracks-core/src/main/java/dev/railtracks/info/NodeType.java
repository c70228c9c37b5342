package dev.railtracks.info;

/**
 * The kind of a node, as recorded in the saved state ({@code node_type}).
 */
public enum NodeType {

	/** An LLM-backed agent. */
	AGENT("Agent"),

	/** A tool: function nodes are tools. */
	TOOL("Tool"),

	/** Any other node. */
	OTHER("Other");

	private final String jsonName;

	NodeType(String jsonName) {
		this.jsonName = jsonName;
	}

	/**
	 * The name used in the saved state.
	 * @return {@code "Agent"}, {@code "Tool"} or {@code "Other"}
	 */
	public String jsonName() {
		return this.jsonName;
	}

}

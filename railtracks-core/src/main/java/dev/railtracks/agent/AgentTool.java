package dev.railtracks.agent;

import dev.railtracks.NodeDefinition;

/**
 * A node an agent's model may call, with the description the model reads.
 *
 * @param node the node; its {@link NodeDefinition#parameters() parameters} become the tool's argument schema
 * @param description what the tool does, for the model
 */
public record AgentTool(NodeDefinition<?> node, String description) {

	/**
	 * A tool.
	 * @param node the node; not {@code null}
	 * @param description the description; not {@code null}
	 */
	public AgentTool {
		if (node == null || description == null) {
			throw new IllegalArgumentException("Agent tool needs a node and a description but was (" + node + ", "
					+ description + ")");
		}
	}

}

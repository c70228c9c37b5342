package dev.railtracks.autoconfigure.ai;

import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.DefaultToolDefinition;
import org.springframework.ai.tool.definition.ToolDefinition;

/**
 * Carries a tool's definition to the model through Spring AI's options; never runs the tool. Railtracks runs every
 * tool call as a node of the agent, so a call here means something other than Railtracks tried to execute it.
 *
 * @author Railtracks
 */
final class DefinitionOnlyToolCallback implements ToolCallback {

	private final ToolDefinition definition;

	DefinitionOnlyToolCallback(dev.railtracks.llm.ToolDefinition tool) {
		this.definition = DefaultToolDefinition.builder()
			.name(tool.name())
			.description(tool.description())
			.inputSchema(tool.inputSchema())
			.build();
	}

	@Override
	public ToolDefinition getToolDefinition() {
		return this.definition;
	}

	@Override
	public String call(String toolInput) {
		throw new IllegalStateException("Tool '" + this.definition.name()
				+ "' is run by the Railtracks agent as a node, not by Spring AI; pass the ChatModel's tool calls back to"
				+ " the agent instead of executing them");
	}

}

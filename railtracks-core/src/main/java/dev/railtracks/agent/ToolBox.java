package dev.railtracks.agent;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.railtracks.NodeCreationException;
import dev.railtracks.NodeDefinition;
import dev.railtracks.NodeParameter;
import dev.railtracks.llm.ToolCall;
import dev.railtracks.llm.ToolDefinition;

/**
 * An agent's tools by name: their definitions for the model, and the conversion of a model's tool call into the
 * arguments of a node call.
 */
final class ToolBox {

	/** Reads tool arguments and structured answers strictly, so that what does not fit is reported. */
	static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	/** A tool: a node, what it is for, and its parameters. */
	record Tool(NodeDefinition<?> node, ToolDefinition definition, List<NodeParameter> parameters) {
	}

	/**
	 * A tool call ready to run ({@code tool} and {@code arguments}), or the reason it cannot ({@code error}).
	 */
	record Prepared(ToolCall call, @Nullable Tool tool, @Nullable Object @Nullable [] arguments, @Nullable String error) {
	}

	private final Map<String, Tool> tools;

	private ToolBox(Map<String, Tool> tools) {
		this.tools = tools;
	}

	static ToolBox of(String agentName, List<AgentTool> tools) {
		Map<String, Tool> byName = new LinkedHashMap<>();
		for (AgentTool tool : tools) {
			String name = tool.node().name();
			List<NodeParameter> parameters = tool.node().parameters();
			ToolDefinition definition;
			try {
				definition = new ToolDefinition(name, tool.description(), JsonSchemas.ofArguments(parameters));
			}
			catch (RuntimeException ex) {
				throw new NodeCreationException("Agent '" + agentName + "': no JSON schema for the parameters of tool '" + name
						+ "' (" + parameters + "): " + ex.getMessage(), ex);
			}
			if (byName.putIfAbsent(name, new Tool(tool.node(), definition, parameters)) != null) {
				throw new NodeCreationException("Agent '" + agentName + "' has two tools named '" + name
						+ "'; tool names must be unique");
			}
		}
		return new ToolBox(Collections.unmodifiableMap(byName));
	}

	List<ToolDefinition> definitions() {
		List<ToolDefinition> definitions = new ArrayList<>(this.tools.size());
		this.tools.values().forEach((tool) -> definitions.add(tool.definition()));
		return definitions;
	}

	boolean isEmpty() {
		return this.tools.isEmpty();
	}

	/**
	 * Finds the tool and reads the arguments; unknown names and arguments that do not fit become an error for the
	 * model instead of an exception.
	 */
	Prepared prepare(ToolCall call) {
		Tool tool = this.tools.get(call.name());
		if (tool == null) {
			return new Prepared(call, null, null, "LLM called tool '" + call.name()
					+ "' which was not found in the provided tool nodes " + this.tools.keySet().stream().sorted().toList());
		}
		try {
			return new Prepared(call, tool, arguments(tool, call.arguments()), null);
		}
		catch (IllegalArgumentException ex) {
			return new Prepared(call, tool, null, ex.getMessage());
		}
	}

	private static @Nullable Object[] arguments(Tool tool, String json) {
		String name = tool.node().name();
		JsonNode object;
		try {
			object = json.isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(json);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Arguments of tool '" + name + "' are not valid JSON: "
					+ ex.getOriginalMessage() + " (arguments: " + json + ")");
		}
		if (!object.isObject()) {
			throw new IllegalArgumentException("Arguments of tool '" + name + "' must be a JSON object but were " + json);
		}
		List<NodeParameter> parameters = tool.parameters();
		@Nullable Object[] arguments = new Object[parameters.size()];
		for (int i = 0; i < arguments.length; i++) {
			NodeParameter parameter = parameters.get(i);
			JsonNode value = object.get(parameter.name());
			if (value == null) {
				throw new IllegalArgumentException("Tool '" + name + "' is missing argument '" + parameter.name()
						+ "'; it takes " + names(parameters));
			}
			arguments[i] = convert(name, parameter, value);
		}
		for (Iterator<String> keys = object.propertyNames().iterator(); keys.hasNext();) {
			String key = keys.next();
			if (parameters.stream().noneMatch((parameter) -> parameter.name().equals(key))) {
				throw new IllegalArgumentException("Tool '" + name + "' has no parameter '" + key + "'; it takes "
						+ names(parameters));
			}
		}
		return arguments;
	}

	private static @Nullable Object convert(String tool, NodeParameter parameter, JsonNode value) {
		Type type = parameter.type();
		try {
			return MAPPER.treeToValue(value, MAPPER.constructType(type));
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Argument '" + parameter.name() + "' of tool '" + tool + "' does not fit "
					+ type.getTypeName() + ": " + ex.getOriginalMessage() + " (value: " + value + ")");
		}
	}

	private static List<String> names(List<NodeParameter> parameters) {
		return parameters.stream().map(NodeParameter::name).toList();
	}

}

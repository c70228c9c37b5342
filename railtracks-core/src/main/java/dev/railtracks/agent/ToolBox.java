package dev.railtracks.agent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.railtracks.FunctionNode;
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
	 * The node name of a call of a tool the agent does not have: a name no tool can have, so that made-up names
	 * neither pass for tools nor multiply the node names in metrics.
	 */
	static final String UNKNOWN_TOOL = "unknown tool";

	/**
	 * A tool call as the agent makes it: the node to call and its arguments. A call that cannot run has a
	 * {@code rejection}; its node then fails with it, and its argument is what the model sent.
	 */
	record Prepared(ToolCall call, NodeDefinition<?> node, @Nullable Object[] arguments,
			@Nullable InvalidToolCallException rejection) {
	}

	private final String agentName;

	private final Map<String, Tool> tools;

	private ToolBox(String agentName, Map<String, Tool> tools) {
		this.agentName = agentName;
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
		return new ToolBox(agentName, Collections.unmodifiableMap(byName));
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
	 * Finds the tool and reads the arguments. An unknown name and arguments that do not fit become a rejection, which
	 * names every problem found: the missing parameters, the unknown keys and each value of the wrong type.
	 */
	Prepared prepare(ToolCall call) {
		Tool tool = this.tools.get(call.name());
		if (tool == null) {
			String problem = "LLM called tool '" + call.name() + "' which was not found in the provided tool nodes "
					+ this.tools.keySet().stream().sorted().toList();
			return rejected(call, UNKNOWN_TOOL, problem, problem);
		}
		String name = tool.node().name();
		String json = call.arguments();
		JsonNode object;
		try {
			object = json.isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(json);
		}
		catch (JacksonException ex) {
			String problem = "Arguments of tool '" + name + "' are not valid JSON";
			TokenStreamLocation location = ex.getLocation();
			String where = (location != null) ? " (line " + location.getLineNr() + ", column " + location.getColumnNr()
					+ ")" : "";
			return rejected(call, name, problem + where,
					problem + ": " + ex.getOriginalMessage() + " (arguments: " + json + ")");
		}
		if (!object.isObject()) {
			String problem = "Arguments of tool '" + name + "' must be a JSON object but were ";
			return rejected(call, name, problem + "a JSON " + object.getNodeType().name().toLowerCase(Locale.ROOT),
					problem + json);
		}
		List<NodeParameter> parameters = tool.parameters();
		@Nullable Object[] arguments = new Object[parameters.size()];
		// Built only when something is wrong: the common call allocates nothing for it.
		List<Problem> problems = null;
		int present = 0;
		for (int i = 0; i < arguments.length; i++) {
			NodeParameter parameter = parameters.get(i);
			JsonNode value = object.get(parameter.name());
			if (value == null) {
				continue;
			}
			present++;
			try {
				arguments[i] = MAPPER.treeToValue(value, MAPPER.constructType(parameter.type()));
			}
			catch (JacksonException ex) {
				String problem = "Argument '" + parameter.name() + "' of tool '" + name + "' does not fit "
						+ parameter.type().getTypeName();
				problems = (problems != null) ? problems : new ArrayList<>();
				problems.add(new Problem(problem + at(parameter.name(), ex),
						problem + ": " + ex.getOriginalMessage() + " (value: " + value + ")"));
			}
		}
		if (present < parameters.size() || object.size() > present) {
			String shape = shapeProblem(name, parameters, object) + "; it takes " + names(parameters);
			problems = (problems != null) ? problems : new ArrayList<>();
			problems.add(new Problem(shape, shape));
		}
		if (problems != null) {
			return rejected(call, name, join(problems, Problem::logged), join(problems, Problem::toModel));
		}
		return new Prepared(call, tool.node(), arguments, null);
	}

	/** One thing wrong with a call: as logged, without values, and as the model is told it. */
	private record Problem(String logged, String toModel) {
	}

	private static String join(List<Problem> problems, Function<Problem, String> text) {
		return problems.stream().map(text).collect(Collectors.joining("; "));
	}

	private Prepared rejected(ToolCall call, String nodeName, String problems, String toModel) {
		InvalidToolCallException rejection = new InvalidToolCallException(this.agentName, call.name(), problems,
				toModel);
		// Called like the tool, it is recorded as a failed call of type Tool where the tool would have run.
		FunctionNode<Void> failing = FunctionNode.of(nodeName, (String arguments) -> {
			throw rejection;
		});
		return new Prepared(call, failing, new Object[] { call.arguments() }, rejection);
	}

	/** Where inside an argument a value did not fit, by keys and indexes: no value is named. */
	private static String at(String parameter, JacksonException ex) {
		if (ex.getPath().isEmpty()) {
			return "";
		}
		StringBuilder path = new StringBuilder(" at ").append(parameter);
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
			else {
				path.append('.').append(reference.getPropertyName());
			}
		}
		return path.toString();
	}

	/** The parameters the arguments lack and the keys they have that are no parameters. */
	private static String shapeProblem(String tool, List<NodeParameter> parameters, JsonNode object) {
		List<String> missing = new ArrayList<>();
		parameters.forEach((parameter) -> {
			if (!object.has(parameter.name())) {
				missing.add(parameter.name());
			}
		});
		List<String> unknown = new ArrayList<>();
		object.propertyNames().forEach((key) -> {
			if (parameters.stream().noneMatch((parameter) -> parameter.name().equals(key))) {
				unknown.add(key);
			}
		});
		StringBuilder problem = new StringBuilder("Tool '").append(tool).append("' ");
		if (!missing.isEmpty()) {
			problem.append("is missing ").append(plural("argument", missing));
		}
		if (!unknown.isEmpty()) {
			problem.append(missing.isEmpty() ? "" : " and ").append("has no ").append(plural("parameter", unknown));
		}
		return problem.toString();
	}

	/** {@code argument 'a'} or {@code arguments 'a', 'b'}. */
	private static String plural(String noun, List<String> names) {
		StringJoiner quoted = new StringJoiner("', '", "'", "'");
		names.forEach(quoted::add);
		return noun + ((names.size() == 1) ? " " : "s ") + quoted;
	}

	private static List<String> names(List<NodeParameter> parameters) {
		return parameters.stream().map(NodeParameter::name).toList();
	}

}

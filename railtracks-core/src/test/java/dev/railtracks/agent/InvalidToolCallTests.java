package dev.railtracks.agent;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.Session;
import dev.railtracks.llm.ModelResponse;
import dev.railtracks.llm.ScriptedModel;

import static dev.railtracks.agent.AgentTests.CONFIG;
import static dev.railtracks.agent.AgentTests.call;
import static dev.railtracks.agent.AgentTests.edgeTo;
import static dev.railtracks.agent.AgentTests.graph;
import static dev.railtracks.agent.AgentTests.node;
import static dev.railtracks.agent.AgentTests.toolResults;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for tool calls an agent rejects: the model is told, one WARN line says what was wrong without the argument
 * values, and the call is recorded as a failed call of the tool.
 */
class InvalidToolCallTests {

	@Test
	void eachRejectedCallIsLoggedOnceWithItsProblemsAndKeysButNoValues() {
		ScriptedModel model = ScriptedModel.of(
				ModelResponse.toolCalls(call("1", "budget", "{\"nights\": \"secret-1\","),
						call("2", "budget", "{\"nights\":\"secret-2\",\"nightlyRate\":100}"),
						call("3", "budget", "{\"nights\":3,\"rate\":\"secret-3\",\"currency\":\"secret-4\"}"),
						call("4", "budget", "[\"secret-5\"]"), call("5", "flights", "{\"to\":\"secret-6\"}")),
				ModelResponse.text("Sorry."));
		Agent<String> agent = Agent.builder("planner").model(model).tool(TripTools.BUDGET).build();
		List<String> warnings;
		try (AgentWarnings log = new AgentWarnings(); Session session = new Session(CONFIG)) {
			session.runSync(agent, "budget?");
			warnings = log.lines();
		}
		assertThat(warnings).hasSize(5).allSatisfy((line) -> assertThat(line)
			.startsWith("Agent 'planner' rejected its model's call of tool '")
			.endsWith("the model is told")
			.doesNotContain("secret"));
		assertThat(warnings.get(0)).contains("tool 'budget'", "are not valid JSON (line 1, column 23)", "round 1",
				"tool call id 1");
		assertThat(warnings.get(1)).contains("Argument 'nights' of tool 'budget' does not fit int");
		assertThat(warnings.get(2)).contains("Tool 'budget' is missing argument 'nightlyRate' and has no parameters "
				+ "'rate', 'currency'; it takes [nights, nightlyRate]");
		assertThat(warnings.get(3)).contains("must be a JSON object but were a JSON array");
		assertThat(warnings.get(4)).contains("tool 'flights'", "not found in the provided tool nodes [budget]");
		List<String> told = toolResults(model.requests().get(1));
		assertThat(told).allSatisfy((result) -> assertThat(result)
			.startsWith(AgentNode.TOOL_ERROR_PREFIX));
		// The model is told the values it sent: they are its own, and they help it correct itself.
		assertThat(told.get(1)).contains("Cannot deserialize value of type `int` from String \"secret-2\"");
		assertThat(told.get(2)).endsWith("Tool 'budget' is missing argument 'nightlyRate' and has no parameters "
				+ "'rate', 'currency'; it takes [nights, nightlyRate]");
	}

	@Test
	void eachRejectedCallIsRecordedAsAFailedCallOfTheToolWithWhatTheModelSent() {
		ScriptedModel model = ScriptedModel.of(
				ModelResponse.toolCalls(call("1", "budget", "{\"nights\":3,\"currency\":\"EUR\"}"),
						call("2", "weather", "{\"city\":\"Kyoto\"}"), call("3", "flights", "{}")),
				ModelResponse.text("Sunny; no budget."));
		Agent<String> agent = Agent.builder("planner").model(model).tools(TripTools.WEATHER, TripTools.BUDGET).build();
		try (Session session = new Session(CONFIG)) {
			session.runSync(agent, "Kyoto");
			JsonNode graph = graph(session);
			String planner = node(graph, "planner").get("identifier").asString();
			JsonNode budget = node(graph, "budget");
			assertThat(budget.get("node_type").asString()).isEqualTo("Tool");
			JsonNode budgetCall = edgeTo(graph, budget.get("identifier").asString());
			assertThat(budgetCall.get("source").asString()).isEqualTo(planner);
			assertThat(budgetCall.get("details").get("status").asString()).isEqualTo("Failed");
			assertThat(budgetCall.get("details").get("input_args")).extracting(JsonNode::asString)
				.containsExactly("{\"nights\":3,\"currency\":\"EUR\"}");
			JsonNode failure = budgetCall.get("details").get("output");
			assertThat(failure.get("type").asString()).isEqualTo("InvalidToolCallException");
			assertThat(failure.get("message").asString()).isEqualTo("Agent 'planner' rejected its model's call of tool"
					+ " 'budget': Tool 'budget' is missing argument 'nightlyRate' and has no parameter 'currency'; it"
					+ " takes [nights, nightlyRate]");
			JsonNode unknown = node(graph, ToolBox.UNKNOWN_TOOL);
			assertThat(unknown.get("node_type").asString()).isEqualTo("Tool");
			JsonNode unknownCall = edgeTo(graph, unknown.get("identifier").asString());
			assertThat(unknownCall.get("details").get("status").asString()).isEqualTo("Failed");
			assertThat(unknownCall.get("details").get("output").get("message").asString())
				.contains("LLM called tool 'flights' which was not found");
			assertThat(edgeTo(graph, node(graph, "weather").get("identifier").asString()).get("details").get("status")
				.asString()).isEqualTo("Completed");
		}
		assertThat(toolResults(model.requests().get(1))).containsExactly(AgentNode.TOOL_ERROR_PREFIX
				+ "Tool 'budget' is missing argument 'nightlyRate' and has no parameter 'currency'; it takes [nights, "
				+ "nightlyRate]", "Sunny in Kyoto", AgentNode.TOOL_ERROR_PREFIX
						+ "LLM called tool 'flights' which was not found in the provided tool nodes [budget, weather]");
	}

	@Test
	void aValueThatDoesNotFitDeepInsideAnArgumentIsNamedByItsPathNotItsValue() {
		ScriptedModel model = ScriptedModel.of(ModelResponse.toolCalls(call("1", "itinerary",
				"{\"stays\":[{\"city\":\"Kyoto\",\"nights\":2},{\"city\":\"Nara\",\"nights\":\"secret\"}],"
						+ "\"season\":\"AUTUMN\"}")),
				ModelResponse.text("ok"));
		Agent<String> agent = Agent.builder("planner").model(model).tool(TripTools.ITINERARY, "Lists the stays").build();
		List<String> warnings;
		try (AgentWarnings log = new AgentWarnings(); Session session = new Session(CONFIG)) {
			session.runSync(agent, "plan");
			warnings = log.lines();
		}
		assertThat(warnings).singleElement().asString()
			.contains("Argument 'stays' of tool 'itinerary' does not fit java.util.List<dev.railtracks.agent.TripTools$Stay>"
					+ " at stays[1].nights")
			.doesNotContain("secret");
		assertThat(toolResults(model.requests().get(1))).singleElement().asString().contains("\"secret\"");
	}

	@Test
	void withEndOnErrorARejectedCallEndsTheRunAsAnyFailedToolDoes() {
		ScriptedModel model = ScriptedModel.of(ModelResponse.toolCalls(call("1", "budget", "{\"nights\":3}")),
				ModelResponse.text("should not be asked"));
		Agent<String> agent = Agent.builder("planner").model(model).tool(TripTools.BUDGET).build();
		ExecutorConfig endOnError = CONFIG.toBuilder().endOnError(true).build();
		List<String> warnings;
		String recorded;
		try (AgentWarnings log = new AgentWarnings(); Session session = new Session(endOnError)) {
			assertThatExceptionOfType(InvalidToolCallException.class).isThrownBy(() -> session.runSync(agent, "budget"))
				.withMessageContaining("missing argument 'nightlyRate'")
				.satisfies((ex) -> assertThat(List.of(ex.agentName(), ex.toolName())).containsExactly("planner",
						"budget"));
			warnings = log.lines();
			recorded = edgeTo(graph(session), node(graph(session), "budget").get("identifier").asString())
				.get("details").get("status").asString();
		}
		assertThat(recorded).isEqualTo("Failed");
		assertThat(warnings).filteredOn((line) -> line.startsWith("Agent 'planner' rejected")).singleElement()
			.asString().endsWith("end-on-error is on, so the run ends");
		assertThat(model.requests()).hasSize(1);
	}

}

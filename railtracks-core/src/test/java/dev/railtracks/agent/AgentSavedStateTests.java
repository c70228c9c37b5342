package dev.railtracks.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.Session;
import dev.railtracks.llm.AssistantMessage;
import dev.railtracks.llm.ModelResponse;
import dev.railtracks.llm.ScriptedModel;
import dev.railtracks.llm.TokenUsage;
import dev.railtracks.llm.ToolCall;
import dev.railtracks.llm.TransientModelException;

import static dev.railtracks.agent.AgentTests.JSON;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the state a session saves when it ran agents: {@code llm_details} in the format of the original.
 */
class AgentSavedStateTests {

	@TempDir
	Path directory;

	@Test
	void theSavedStateOfAnAgentRunWithToolsAFailedAttemptARejectedCallAndASubAgentValidatesAgainstTheSchema() throws IOException {
		int[] calls = { 0 };
		ScriptedModel inner = ScriptedModel.of((request) -> {
			if (calls[0]++ == 0) {
				throw new TransientModelException("overloaded");
			}
			return ModelResponse.text("Sunny all week").withUsage(10, 3);
		});
		Agent<String> forecaster = Agent.builder("forecaster").model(inner).retryPolicy(AgentResilienceTests.QUICK).build();
		ScriptedModel outer = ScriptedModel.of(
				ModelResponse.toolCalls(new ToolCall("1", "weather", "{\"city\":\"Kyoto\"}"),
						new ToolCall("2", "forecaster", "{\"prompt\":\"week in Kyoto?\"}"), new ToolCall("3", "nope", "{}")),
				new ModelResponse(new AssistantMessage("Go."), new TokenUsage(40, 1),
						"gpt-x-2026", 0.0012));
		Agent<String> planner = Agent.builder("planner").model(outer).systemMessage("Plan.")
			.tools(TripTools.WEATHER, forecaster).build();
		ExecutorConfig config = ExecutorConfig.builder().stateDirectory(this.directory).sessionName("trip").build();
		try (Session session = new Session(config)) {
			session.runSync(planner, "Kyoto");
		}
		Path saved;
		try (Stream<Path> files = Files.list(this.directory)) {
			saved = files.filter((file) -> file.toString().endsWith(".json")).findFirst().orElseThrow();
		}
		String text = Files.readString(saved);
		assertThat(schema().validate(text, InputFormat.JSON)).isEmpty();

		JsonNode nodes = JSON.readTree(text).get("runs").get(0).get("nodes");
		JsonNode plannerDetails = find(nodes, "planner").get("details").get("internals").get("llm_details");
		assertThat(plannerDetails).hasSize(2);
		JsonNode last = plannerDetails.get(1);
		assertThat(List.of(last.get("model_name").asString(), last.get("model_provider").asString()))
			.containsExactly("gpt-x-2026", "scripted");
		assertThat(last.get("total_cost").asDouble()).isEqualTo(0.0012);
		assertThat(last.get("input_tokens").asInt()).isEqualTo(40);
		assertThat(last.get("input").get(2).get("content").get(0).get("name").asString()).isEqualTo("weather");
		assertThat(last.get("input").get(3).get("content").get("result").asString()).isEqualTo("Sunny in Kyoto");
		assertThat(last.get("input").get(5).get("content").get("result").asString())
			.startsWith("There was an error during tool execution: LLM called tool 'nope'");
		assertThat(last.has("system_fingerprint")).isTrue();
		JsonNode forecasterDetails = find(nodes, "forecaster").get("details").get("internals").get("llm_details");
		assertThat(forecasterDetails).hasSize(2);
		assertThat(forecasterDetails.get(0).get("output").isNull()).isTrue();
		assertThat(find(nodes, "forecaster").get("node_type").asString()).isEqualTo("Agent");
		// The call of the unknown tool is recorded as a failed tool call.
		assertThat(find(nodes, ToolBox.UNKNOWN_TOOL).get("node_type").asString()).isEqualTo("Tool");
	}

	private static JsonNode find(JsonNode nodes, String name) {
		for (JsonNode node : nodes) {
			if (node.get("name").asString().equals(name)) {
				return node;
			}
		}
		throw new AssertionError("no node " + name);
	}

	static Schema schema() throws IOException {
		try (InputStream schema = AgentSavedStateTests.class.getResourceAsStream("/railtracks-state-schema.json")) {
			return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema);
		}
	}

}

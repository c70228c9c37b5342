package dev.railtracks.agent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.railtracks.NodeMiddleware;
import dev.railtracks.Session;
import dev.railtracks.llm.ModelResponse;
import dev.railtracks.llm.ScriptedModel;
import dev.railtracks.llm.ToolResultMessage;

import static dev.railtracks.agent.AgentTests.CONFIG;
import static dev.railtracks.agent.AgentTests.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Agent.Builder#toolMiddleware}: middleware around every tool call of one agent.
 */
class AgentToolMiddlewareTests {

	@Test
	void everyToolCallRunsThroughTheToolMiddlewareWhichMayChangeTheResult() {
		List<String> seen = Collections.synchronizedList(new ArrayList<>());
		NodeMiddleware audited = (call) -> {
			seen.add(call.nodeName() + " " + call.arguments() + " from " + call.caller().sinkName());
			return "audited " + call.proceed();
		};
		ScriptedModel model = ScriptedModel.of(ModelResponse.toolCalls(call("1", "weather", "{\"city\":\"Kyoto\"}")),
				ModelResponse.toolCalls(call("2", "budget", "{\"nights\":3,\"nightlyRate\":120}")),
				ModelResponse.text("done"));
		Agent.Builder<String> builder = Agent.builder("planner").model(model).tools(TripTools.WEATHER, TripTools.BUDGET)
			.toolMiddleware(audited);
		Agent<String> agent = builder.build();
		// Building again wraps the tools afresh, not twice.
		builder.build();
		try (Session session = new Session(CONFIG)) {
			AgentResponse<String> response = session.call(agent, "Kyoto for 3 nights");
			assertThat(response.messages().get(2)).isEqualTo(new ToolResultMessage("1", "weather", "audited Sunny in Kyoto"));
			assertThat(response.messages().get(4)).isEqualTo(new ToolResultMessage("2", "budget", "audited 360"));
		}
		assertThat(seen).containsExactly("weather [Kyoto] from planner", "budget [3, 120] from planner");
		assertThat(agent.tools()).extracting((tool) -> tool.node().name()).containsExactly("weather", "budget");
	}

	@Test
	void anAgentUnderMiddlewareIsDescribedAsTheAgentItWraps() {
		Agent<String> helper = Agent.builder("helper").model(ScriptedModel.of(ModelResponse.text("ok")))
			.description("Answers questions about hotels").build();
		Agent<String> agent = Agent.builder("planner").model(ScriptedModel.of(ModelResponse.text("done")))
			.tool(helper.withMiddleware((call) -> call.proceed())).build();
		assertThat(agent.tools()).singleElement()
			.satisfies((tool) -> assertThat(tool.description()).isEqualTo("Answers questions about hotels"));
	}

	@Test
	void theSameToolMiddlewareTwiceIsRefusedAtOnceNamingTheAgent() {
		NodeMiddleware audited = (call) -> call.proceed();
		Agent.Builder<String> builder = Agent.builder("planner");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.toolMiddleware(audited, audited))
			.withMessage("Agent 'planner': tool middleware " + audited + " is added twice: configure each instance once");
	}

}

package dev.railtracks.samples.quickstart;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.junit.jupiter.api.Test;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.FunctionNode;
import dev.railtracks.Session;
import dev.railtracks.agent.Agent;
import dev.railtracks.agent.AgentResponse;
import dev.railtracks.llm.LanguageModel;
import dev.railtracks.llm.ModelResponse;
import dev.railtracks.llm.ScriptedModel;
import dev.railtracks.llm.SystemMessage;
import dev.railtracks.llm.ToolCall;
import dev.railtracks.llm.ToolResultMessage;

import static dev.railtracks.Railtracks.call;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The complete example of docs/agents.md, compiled and run, so the guide cannot drift from what the library does.
 */
class AgentsGuideTests {

	static String weather(String city) {
		return "Sunny in " + city;
	}

	static int budget(String city, int days) {
		return days * 140;
	}

	record Trip(@JsonPropertyDescription("Destination city") String city, int days, List<String> highlights) {
	}

	@Test
	@SuppressWarnings("try") // the session is current while it is open: that is its use
	void theGuidesExamplePlansWithToolsAndExtractsATrip() {
		FunctionNode<String> weatherTool = FunctionNode.of("weather", AgentsGuideTests::weather);
		FunctionNode<Integer> budgetTool = FunctionNode.of("budget", AgentsGuideTests::budget);

		ScriptedModel model = ScriptedModel.of(
				ModelResponse.toolCalls(new ToolCall("1", "weather", "{\"city\":\"Kyoto\"}"),
						new ToolCall("2", "budget", "{\"city\":\"Kyoto\",\"days\":3}")),
				ModelResponse.text("Kyoto for 3 days: sunny, about 420 EUR."));
		LanguageModel asLanguageModel = model;

		Agent<String> planner = Agent.builder("trip_planner")
			.model(asLanguageModel)
			.systemMessage("You plan trips for {traveller}. Prices in {currency}.")
			.tool(weatherTool, "The weather forecast for a city")
			.tool(budgetTool, "The cost of a stay of some days in a city")
			.maxRounds(5)
			.build();

		Agent<Trip> extractor = Agent.builder("trip_extractor")
			.model(ScriptedModel.of(
					ModelResponse.text("{\"city\":\"Kyoto\",\"days\":3,\"highlights\":[\"Fushimi Inari\"]}")))
			.outputType(Trip.class)
			.build();

		ExecutorConfig config = ExecutorConfig.builder().saveState(false).build();
		try (Session session = new Session(config, Map.of("traveller", "Ada", "currency", "EUR"))) {
			AgentResponse<String> plan = call(planner, "Three days in Kyoto?");
			assertThat(plan.content()).isEqualTo("Kyoto for 3 days: sunny, about 420 EUR.");
			assertThat(plan.messages()).hasSize(5);

			AgentResponse<Trip> trip = call(extractor, plan.text());
			assertThat(trip.content().highlights()).containsExactly("Fushimi Inari");
		}
		assertThat(model.requests().get(0).messages().get(0))
			.isEqualTo(new SystemMessage("You plan trips for Ada. Prices in EUR."));
		assertThat(model.requests().get(1).messages()).filteredOn(ToolResultMessage.class::isInstance)
			.map((message) -> ((ToolResultMessage) message).content())
			.containsExactly("Sunny in Kyoto", "420");
	}

}

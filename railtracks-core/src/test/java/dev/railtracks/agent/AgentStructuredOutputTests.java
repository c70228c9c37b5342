package dev.railtracks.agent;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.railtracks.NodeCreationException;
import dev.railtracks.Session;
import dev.railtracks.llm.ModelResponse;
import dev.railtracks.llm.ScriptedModel;

import static dev.railtracks.agent.AgentTests.CONFIG;
import static dev.railtracks.agent.AgentTests.JSON;
import static dev.railtracks.agent.AgentTests.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for agents with an {@linkplain Agent.Builder#outputType(Class) output type}.
 */
class AgentStructuredOutputTests {

	/**
	 * A trip.
	 * @param city where
	 * @param days how long
	 * @param highlights what to see
	 */
	record Trip(@JsonPropertyDescription("Destination city") String city, int days, List<String> highlights) {
	}

	@Test
	void theFinalAnswerIsReadIntoTheOutputTypeWhoseSchemaTheModelReceives() {
		ScriptedModel model = ScriptedModel.of(ModelResponse.text("""
				```json
				{"city": "Kyoto", "days": 3, "highlights": ["Fushimi Inari", "Gion"]}
				```"""));
		Agent<Trip> agent = Agent.builder("extractor").model(model).outputType(Trip.class).build();
		AgentResponse<Trip> response = run(CONFIG, agent, "Three days in Kyoto: Fushimi Inari and Gion");
		assertThat(response.content()).isEqualTo(new Trip("Kyoto", 3, List.of("Fushimi Inari", "Gion")));
		assertThat(response.text()).contains("\"city\": \"Kyoto\"");
		JsonNode schema = JSON.readTree(model.requests().get(0).outputSchema());
		assertThat(schema.get("properties").get("city").get("description").asString()).isEqualTo("Destination city");
		assertThat(schema.get("properties").get("highlights").get("type").asString()).isEqualTo("array");
		assertThat(model.requests().get(0).tools()).isEmpty();
	}

	@Test
	void anAnswerThatDoesNotFitTheTypeFailsNamingTheAgentTheTypeAndTheAnswer() {
		Agent<Trip> agent = Agent.builder("extractor")
			.model(ScriptedModel.of(ModelResponse.text("{\"city\": \"Kyoto\", \"days\": \"a few\"}")))
			.outputType(Trip.class)
			.build();
		try (Session session = new Session(CONFIG)) {
			assertThatExceptionOfType(StructuredOutputException.class).isThrownBy(() -> session.runSync(agent, "Kyoto"))
				.withMessageContaining("Agent 'extractor'")
				.withMessageContaining(Trip.class.getName())
				.withMessageContaining("a few")
				.satisfies((ex) -> assertThat(ex.agentName()).isEqualTo("extractor"));
		}
	}

	@Test
	void anAnswerMissingAPropertyOrWithAnUnknownOneDoesNotFit() {
		Agent<Trip> missing = Agent.builder("extractor")
			.model(ScriptedModel.of(ModelResponse.text("{\"city\": \"Kyoto\", \"highlights\": []}")))
			.outputType(Trip.class)
			.build();
		Agent<Trip> unknown = Agent.builder("extractor")
			.model(ScriptedModel.of(ModelResponse.text(
					"{\"city\": \"Kyoto\", \"days\": 2, \"highlights\": [], \"budget\": 100}")))
			.outputType(Trip.class)
			.build();
		Agent<Trip> prose = Agent.builder("extractor")
			.model(ScriptedModel.of(ModelResponse.text("Kyoto, for three days")))
			.outputType(Trip.class)
			.build();
		try (Session session = new Session(CONFIG)) {
			assertThatExceptionOfType(StructuredOutputException.class).isThrownBy(() -> session.runSync(missing, "x"))
				.withMessageContaining("days");
			assertThatExceptionOfType(StructuredOutputException.class).isThrownBy(() -> session.runSync(unknown, "x"))
				.withMessageContaining("budget");
			assertThatExceptionOfType(StructuredOutputException.class).isThrownBy(() -> session.runSync(prose, "x"))
				.withMessageContaining("Kyoto, for three days");
		}
	}

	@Test
	void toolsAndAnOutputTypeTogetherAreRefusedAsInTheOriginal() {
		assertThatExceptionOfType(NodeCreationException.class)
			.isThrownBy(() -> Agent.builder("both").model(ScriptedModel.of()).tool(TripTools.WEATHER)
				.outputType(Trip.class).build())
			.withMessageContaining("Agent 'both' has both tools ([weather]) and an output type")
			.withMessageContaining(Trip.class.getName());
	}

}

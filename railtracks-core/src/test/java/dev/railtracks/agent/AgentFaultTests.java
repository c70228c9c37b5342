package dev.railtracks.agent;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.FunctionNode;
import dev.railtracks.Session;
import dev.railtracks.TestConfigs;
import dev.railtracks.llm.LanguageModel;
import dev.railtracks.llm.ModelRequest;
import dev.railtracks.llm.ModelResponse;
import dev.railtracks.llm.ScriptedModel;

import static dev.railtracks.agent.AgentTests.call;
import static dev.railtracks.agent.AgentTests.graph;
import static dev.railtracks.agent.AgentTests.node;
import static dev.railtracks.agent.AgentTests.toolResults;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for agents whose model or tool misbehaves beyond an exception: a model that throws an {@code Error} or
 * returns {@code null}, and a tool result whose getter throws an {@code Error}.
 */
class AgentFaultTests {

	@Test
	void aModelThatThrowsAnErrorIsStillObservedAndRecordedAndTheErrorPropagatesUnretried() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		ScriptedModel model = ScriptedModel.of((request) -> {
			throw new AssertionError("model broke");
		});
		Agent<String> agent = Agent.builder("planner").model(model).retryPolicy(AgentResilienceTests.QUICK).build();
		ExecutorConfig config = TestConfigs.noSave().observationRegistry(registry).build();
		try (Session session = new Session(config)) {
			assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> session.runSync(agent, "Kyoto"))
				.withMessage("model broke");
			JsonNode details = node(graph(session), "planner").get("details").get("internals").get("llm_details");
			assertThat(details).singleElement().satisfies((entry) -> {
				assertThat(entry.get("output").isNull()).isTrue();
				assertThat(entry.get("latency").isNumber()).isTrue();
			});
		}
		TestObservationRegistryAssert.assertThat(registry)
			.doesNotHaveAnyRemainingCurrentObservation()
			.hasObservationWithNameEqualTo("railtracks.model.call")
			.that()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("outcome", "failure")
			.assertThatError()
			.isInstanceOf(AssertionError.class);
		assertThat(model.requests()).hasSize(1);
	}

	/** A model that answers with a tool call, then with {@code null}, as a faulty adapter might. */
	static final class NullAnsweringModel implements LanguageModel {

		final AtomicInteger calls = new AtomicInteger();

		@Override
		public ModelResponse chat(ModelRequest request) {
			return (this.calls.incrementAndGet() == 1)
					? ModelResponse.toolCalls(call("1", "weather", "{\"city\":\"Kyoto\"}")) : null;
		}

		@Override
		public String modelName() {
			return "faulty-1";
		}

		@Override
		public String provider() {
			return "faulty";
		}

	}

	@Test
	void aModelThatReturnsNullFailsNamingTheAgentModelAndRoundAndIsNotRetried() {
		NullAnsweringModel model = new NullAnsweringModel();
		Agent<String> agent = Agent.builder("planner").model(model).tool(TripTools.WEATHER)
			.retryPolicy(AgentResilienceTests.QUICK).build();
		try (Session session = new Session(AgentTests.CONFIG)) {
			assertThatExceptionOfType(ModelCallException.class).isThrownBy(() -> session.runSync(agent, "Kyoto"))
				.withMessage("Agent 'planner': model faulty/faulty-1 returned null in round 2; a LanguageModel must"
						+ " return a ModelResponse with an assistant message and a usage")
				.satisfies((ex) -> assertThat(ex.agentName()).isEqualTo("planner"));
			JsonNode details = node(graph(session), "planner").get("details").get("internals").get("llm_details");
			assertThat(details).hasSize(2);
			assertThat(details.get(1).get("output").isNull()).isTrue();
			assertThat(details.get(1).get("latency").isNumber()).isTrue();
		}
		assertThat(model.calls).hasValue(2);
	}

	/** A tool result whose getters fail with an {@code Error} while Jackson writes it. */
	static final class Gauge {

		private final String reading;

		Gauge(String reading) {
			this.reading = reading;
		}

		public String getReading() {
			if (this.reading.equals("assert")) {
				throw new AssertionError("reading not calibrated");
			}
			return getReading();
		}

		@Override
		public String toString() {
			return "gauge " + this.reading;
		}

	}

	@Test
	void aToolResultWhoseGetterThrowsAnErrorIsAnsweredAsTheRecordsPlaceholderAndTheAgentGoesOn() {
		FunctionNode<Gauge> read = FunctionNode.of("read", Gauge::new).withParameterNames("reading");
		ScriptedModel model = ScriptedModel.of(ModelResponse.toolCalls(call("1", "read", "{\"reading\":\"assert\"}")),
				ModelResponse.toolCalls(call("2", "read", "{\"reading\":\"recurse\"}")), ModelResponse.text("Read."));
		Agent<String> agent = Agent.builder("meter").model(model).tool(read, "Reads the gauge").build();
		try (Session session = new Session(AgentTests.CONFIG)) {
			assertThat(session.runSync(agent, "read it").answer()).extracting("content").isEqualTo("Read.");
		}
		String placeholder = "< Unable to serialize " + Gauge.class.getName() + " > gauge ";
		assertThat(toolResults(model.requests().get(1))).containsExactly(placeholder + "assert");
		assertThat(toolResults(model.requests().get(2))).containsExactly(placeholder + "assert",
				placeholder + "recurse");
	}

}

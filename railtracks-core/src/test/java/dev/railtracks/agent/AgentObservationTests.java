package dev.railtracks.agent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.Session;
import dev.railtracks.TestConfigs;
import dev.railtracks.llm.ModelResponse;
import dev.railtracks.llm.ScriptedModel;
import dev.railtracks.llm.ToolCall;
import dev.railtracks.observation.ModelCallObservationContext;
import dev.railtracks.observation.NodeObservationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for the {@code railtracks.model.call} observations of agents.
 */
class AgentObservationTests {

	@Test
	@SuppressWarnings("unchecked") // forAllObservationsWithNameEqualTo hands over a raw ObservationContextAssert
	void eachModelCallIsAnObservationUnderTheAgentNodesWithModelProviderTokensAndOutcome() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		List<ModelCallObservationContext> calls = new CopyOnWriteArrayList<>();
		registry.observationConfig().observationHandler(new ObservationHandler<ModelCallObservationContext>() {
			@Override
			public void onStop(ModelCallObservationContext context) {
				calls.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return context instanceof ModelCallObservationContext;
			}
		});
		ScriptedModel model = ScriptedModel.of(
				ModelResponse.toolCalls(new ToolCall("1", "weather", "{\"city\":\"Kyoto\"}")).withUsage(12, 5),
				ModelResponse.text("Sunny").withUsage(20, 2)).named("gpt-test");
		Agent<String> agent = Agent.builder("planner").model(model).tool(TripTools.WEATHER).build();
		ExecutorConfig config = TestConfigs.noSave().observationRegistry(registry).build();
		try (Session session = new Session(config)) {
			session.runSync(agent, "Kyoto");
		}
		TestObservationRegistryAssert.assertThat(registry)
			.doesNotHaveAnyRemainingCurrentObservation()
			.hasNumberOfObservationsWithNameEqualTo("railtracks.model.call", 2)
			.forAllObservationsWithNameEqualTo("railtracks.model.call", (observation) -> observation
				.hasLowCardinalityKeyValue("railtracks.agent.name", "planner")
				.hasLowCardinalityKeyValue("railtracks.model.name", "gpt-test")
				.hasLowCardinalityKeyValue("railtracks.model.provider", "scripted")
				.hasLowCardinalityKeyValue("outcome", "success")
				.hasParentObservationContextMatching((parent) -> isPlannerNode((Observation.ContextView) parent)));
		assertThat(calls).extracting(ModelCallObservationContext::getRound, ModelCallObservationContext::getInputTokens,
					ModelCallObservationContext::getOutputTokens)
			.containsExactly(tuple(1, 12, 5), tuple(2, 20, 2));
	}

	private static boolean isPlannerNode(Observation.ContextView parent) {
		return parent instanceof NodeObservationContext node && node.getNodeName().equals("planner");
	}

	@Test
	void aFailedModelCallIsObservedWithItsError() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		ScriptedModel model = ScriptedModel.of((request) -> {
			throw new IllegalStateException("bad request");
		});
		Agent<String> agent = Agent.builder("planner").model(model).build();
		ExecutorConfig config = TestConfigs.noSave().observationRegistry(registry).build();
		try (Session session = new Session(config)) {
			session.run(agent, "Kyoto").exceptionally((ex) -> null).join();
		}
		TestObservationRegistryAssert.assertThat(registry)
			.hasObservationWithNameEqualTo("railtracks.model.call")
			.that()
			.hasLowCardinalityKeyValue("outcome", "failure")
			.assertThatError()
			.hasMessage("bad request");
	}

}

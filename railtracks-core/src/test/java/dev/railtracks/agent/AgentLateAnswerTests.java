package dev.railtracks.agent;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.networknt.schema.InputFormat;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.FunctionNode;
import dev.railtracks.GlobalTimeoutException;
import dev.railtracks.Session;
import dev.railtracks.TestConfigs;
import dev.railtracks.llm.ModelResponse;
import dev.railtracks.llm.ScriptedModel;

import static dev.railtracks.agent.AgentTests.JSON;
import static dev.railtracks.agent.AgentTests.call;
import static dev.railtracks.agent.AgentTests.edgeTo;
import static dev.railtracks.agent.AgentTests.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for a session's timeout ending a run while an agent's model call is in flight and the model ignores the
 * interrupt: the record taken when the run ended shows the round in flight, and the answer that arrives later is
 * dropped.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AgentLateAnswerTests {

	/** How long the model takes to answer, whatever interrupts it: well past the session's timeout. */
	static final Duration ANSWER_AFTER = Duration.ofMillis(1500);

	/** Sleeps for the whole duration even when interrupted, as a blocking HTTP read would, and keeps the interrupt. */
	static void sleepUninterruptibly(Duration duration) {
		long deadline = System.nanoTime() + duration.toNanos();
		boolean interrupted = false;
		for (long left = duration.toNanos(); left > 0; left = deadline - System.nanoTime()) {
			try {
				TimeUnit.NANOSECONDS.sleep(left);
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void theRecordAtTheDeadlineShowsTheRoundInFlightAndTheLateAnswerIsDroppedWithoutRunningItsTools()
			throws IOException {
		AtomicInteger toolRuns = new AtomicInteger();
		FunctionNode<String> book = FunctionNode.of("book", (String hotel) -> {
			toolRuns.incrementAndGet();
			return "booked " + hotel;
		}).withParameterNames("hotel");
		ScriptedModel model = ScriptedModel.of((request) -> {
			sleepUninterruptibly(ANSWER_AFTER);
			return ModelResponse.toolCalls(call("1", "book", "{\"hotel\":\"Ryokan\"}")).withUsage(30, 8);
		});
		Agent<String> agent = Agent.builder("booker").model(model).tool(book, "Books a hotel")
			.retryPolicy(AgentResilienceTests.QUICK).build();
		TestObservationRegistry registry = TestObservationRegistry.create();
		ExecutorConfig config = TestConfigs.noSave().timeout(Duration.ofMillis(300)).observationRegistry(registry)
			.build();
		try (AgentWarnings log = new AgentWarnings(); Session session = new Session(config)) {
			assertThatExceptionOfType(GlobalTimeoutException.class).isThrownBy(() -> session.runSync(agent, "book"));
			String atDeadline = session.payload();
			assertThat(AgentSavedStateTests.schema().validate(atDeadline, InputFormat.JSON)).isEmpty();
			JsonNode graph = JSON.readTree(atDeadline).get("runs").get(0);
			JsonNode booker = node(graph, "booker");
			JsonNode inFlight = booker.get("details").get("internals").get("llm_details");
			assertThat(inFlight).singleElement().satisfies((entry) -> {
				assertThat(entry.get("input").get(0).get("content").asString()).isEqualTo("book");
				assertThat(entry.get("output").isNull()).isTrue();
				assertThat(entry.get("latency").isNull()).isTrue();
			});
			assertThat(edgeTo(graph, booker.get("identifier").asString()).get("details").get("output").get("type")
				.asString()).isEqualTo(GlobalTimeoutException.class.getSimpleName());

			await().atMost(Duration.ofSeconds(10)).until(() -> !lateAnswerWarnings(log).isEmpty());
			assertThat(lateAnswerWarnings(log)).singleElement().asString()
				.startsWith("Agent 'booker': the answer of model scripted/scripted in round 1 arrived ")
				.endsWith("the answer is dropped");
			assertThat(JSON.readTree(session.payload()).get("runs").get(0).get("nodes")).hasSize(1);
		}
		assertThat(toolRuns).hasValue(0);
		assertThat(model.requests()).hasSize(1);
		TestObservationRegistryAssert.assertThat(registry)
			.hasObservationWithNameEqualTo("railtracks.model.call")
			.that()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("outcome", "cancelled");
	}

	@Test
	void underNodeMiddlewareTheRecordAtTheDeadlineStillShowsTheRoundInFlightAndTheAttempt() throws IOException {
		ScriptedModel model = ScriptedModel.of((request) -> {
			sleepUninterruptibly(ANSWER_AFTER);
			return ModelResponse.text("too late");
		});
		Agent<String> agent = Agent.builder("booker").model(model).retryPolicy(AgentResilienceTests.QUICK).build();
		ExecutorConfig config = TestConfigs.noSave().timeout(Duration.ofMillis(300))
			.addNodeMiddleware((call) -> call.proceed())
			.build();
		try (AgentWarnings log = new AgentWarnings(); Session session = new Session(config)) {
			assertThatExceptionOfType(GlobalTimeoutException.class).isThrownBy(() -> session.runSync(agent, "book"));
			String atDeadline = session.payload();
			assertThat(AgentSavedStateTests.schema().validate(atDeadline, InputFormat.JSON)).isEmpty();
			JsonNode internals = node(JSON.readTree(atDeadline).get("runs").get(0), "booker").get("details")
				.get("internals");
			assertThat(internals.get("llm_details")).singleElement()
				.satisfies((entry) -> assertThat(entry.get("output").isNull()).isTrue());
			assertThat(internals.get("middleware_attempts")).singleElement()
				.satisfies((attempt) -> assertThat(attempt.get("status").asString()).isEqualTo("Running"));
			// The late answer is dropped here, not during another test watching for it.
			await().atMost(Duration.ofSeconds(10)).until(() -> !lateAnswerWarnings(log).isEmpty());
		}
	}

	private static List<String> lateAnswerWarnings(AgentWarnings log) {
		return log.lines().stream().filter((line) -> line.contains("the answer is dropped")).toList();
	}

}

package dev.railtracks.samples.quickstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.Flow;
import dev.railtracks.FlowRun;
import dev.railtracks.FunctionNode;
import dev.railtracks.Node;
import dev.railtracks.NodeDefinition;
import dev.railtracks.Session;
import dev.railtracks.info.ExecutionInfo;

import static dev.railtracks.Railtracks.broadcast;
import static dev.railtracks.Railtracks.call;
import static dev.railtracks.Railtracks.callBatch;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's quick start, compiled and run, so the README cannot drift from what the library does.
 */
class ReadmeQuickStartTests {

	static FunctionNode<Integer> score = FunctionNode.of("score_step", (String step) -> step.length());

	public static class Planner extends Node<Integer> {

		private final String goal;

		public Planner(String goal) {
			this.goal = goal;
		}

		@Override
		public Integer invoke() {
			List<String> steps = List.of(this.goal.split(","));
			broadcast("planning " + steps.size() + " steps");
			List<Integer> scores = callBatch(score, steps);
			return call(FunctionNode.of("sum", (List<Integer> xs) -> xs.stream().mapToInt((i) -> i).sum()), scores);
		}

	}

	@Test
	void theQuickStartAnswers19AndSavesPlannerState(@TempDir Path stateDirectory) throws IOException {
		List<Object> streamed = new CopyOnWriteArrayList<>();
		ExecutorConfig config = ExecutorConfig.builder()
			.timeout(Duration.ofSeconds(30))
			.subscriber(streamed::add)
			.stateDirectory(stateDirectory)
			.build();
		String sessionId;
		try (Session session = new Session(config, Map.of("user", "ada"))) {
			Integer total = session.call(Planner.class, "flights,hotel,museums");
			assertThat(total).isEqualTo(19);
			ExecutionInfo info = session.info();
			assertThat(info.graphSerialization()).contains("\"name\":\"Planner\"");
			sessionId = session.identifier();
		}
		assertThat(streamed).containsExactly("planning 3 steps");
		try (Stream<Path> files = Files.list(stateDirectory)) {
			assertThat(files.map((file) -> file.getFileName().toString())).containsExactly("_" + sessionId + ".json");
		}
	}

	@Test
	void theFlowExampleAnswersTypedAndSavesUnderTheFlowName(@TempDir Path stateDirectory) throws Exception {
		Flow<Integer> planner = Flow.builder("planner", NodeDefinition.of(Planner.class))
			.config(ExecutorConfig.builder().stateDirectory(stateDirectory).build())
			.timeout(Duration.ofSeconds(30))
			.context(Map.of("user", "ada"))
			.build();
		int total = planner.invoke("flights,hotel,museums");
		assertThat(total).isEqualTo(19);
		FlowRun<Integer> run = planner.run("flights");
		assertThat(run.value()).isEqualTo(7);
		assertThat(run.info().insertionRequests()).hasSize(1);
		CompletableFuture<Integer> later = planner.invokeAsync("x");
		assertThat(later.get(30, TimeUnit.SECONDS)).isEqualTo(1);
		try (Stream<Path> files = Files.list(stateDirectory)) {
			assertThat(files.map((file) -> file.getFileName().toString())).hasSize(3)
				.allSatisfy((name) -> assertThat(name).startsWith("planner_"))
				.contains("planner_" + run.sessionId() + ".json");
		}
	}

}

package dev.railtracks.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.railtracks.testing.PostgresTestDatabase;

/**
 * A durable run survives {@code kill -9}: a JVM running it is killed while its third call runs, and a second JVM with
 * the same executor id finishes it without running again the calls that had completed.
 */
class DurableCrashTests {

	@Test
	void aRunKilledMidwayFinishesInTheNextJvmWithoutRunningItsCompletedCallsAgain(@TempDir Path directory)
			throws Exception {
		Path executions = directory.resolve("executions.txt");
		Path states = Files.createDirectory(directory.resolve("states"));
		try (PostgresTestDatabase database = PostgresTestDatabase.create("durablecrash")) {
			Process first = probe(database, executions, states, "block", directory.resolve("first.log"));
			try {
				await().atMost(Duration.ofSeconds(120))
					.until(() -> Files.exists(executions) && Files.readAllLines(executions).contains("step3"));
			}
			finally {
				first.destroyForcibly();
				first.waitFor(30, TimeUnit.SECONDS);
			}
			assertThat(Files.readAllLines(executions)).containsExactly("steps", "step1", "step2a", "step2", "step3");

			Path log = directory.resolve("second.log");
			Process second = probe(database, executions, states, "recover", log);
			assertThat(second.waitFor(120, TimeUnit.SECONDS)).as("the second JVM finished").isTrue();

			assertThat(Files.readAllLines(log)).as("the second JVM's output").contains("RESULT one,two+two-a,three");
			// The root and the call under way at the kill ran again; the completed calls did not.
			assertThat(Files.readAllLines(executions)).containsExactly("steps", "step1", "step2a", "step2", "step3",
					"steps", "step3");
			List<String> nodes = new ArrayList<>();
			JsonNode document = JsonMapper.shared()
				.readTree(Files.readString(states.resolve("steps_" + DurableCrashProbe.KEY + ".json")));
			for (JsonNode run : document.path("runs")) {
				for (JsonNode node : run.path("nodes")) {
					nodes.add(node.path("name").asString());
				}
			}
			assertThat(nodes).containsExactlyInAnyOrder("steps", "step1", "step2a", "step2", "step3");
		}
	}

	/** Starts {@link DurableCrashProbe} in a JVM of its own, with this JVM's class path and the same executor id. */
	private static Process probe(PostgresTestDatabase database, Path executions, Path states, String mode, Path log)
			throws Exception {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path")));
		String logback = System.getProperty("logback.configurationFile");
		if (logback != null) {
			command.add("-Dlogback.configurationFile=" + logback);
		}
		command.addAll(List.of(DurableCrashProbe.class.getName(), database.jdbcUrl(), database.user(), "crash-executor",
				executions.toString(), states.toString(), mode));
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

}

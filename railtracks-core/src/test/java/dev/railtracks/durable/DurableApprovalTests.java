package dev.railtracks.durable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.dbos.transact.DBOS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.railtracks.ApprovalDecision;
import dev.railtracks.testing.PostgresTestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An approval survives {@code kill -9}: a JVM whose durable run waits for an approval is killed, a person approves
 * through another DBOS instance while no JVM runs the run, and a second JVM with the first one's executor id recovers
 * the run, which finds the approval and makes the call.
 */
class DurableApprovalTests {

	@Test
	void anApprovalGivenWhileTheJvmIsDeadIsTakenByTheRecoveredRun(@TempDir Path directory) throws Exception {
		Path executions = directory.resolve("executions.txt");
		try (PostgresTestDatabase database = PostgresTestDatabase.create("durableapproval")) {
			Process first = probe(database, executions, "ask", directory.resolve("first.log"));
			try {
				await().atMost(Duration.ofSeconds(120))
					.until(() -> Files.exists(executions) && !Files.readAllLines(executions).isEmpty());
			}
			finally {
				first.destroyForcibly();
				first.waitFor(30, TimeUnit.SECONDS);
			}
			assertThat(Files.readAllLines(executions)).containsExactly("asked human-0.0.0");

			DBOS approver = TestDbos.create(database.jdbcUrl(), database.user(), "approver");
			try {
				Durability durability = Durability.on(approver);
				durability.launch();
				durability.answer(DurableApprovalProbe.KEY, "human-0.0.0", ApprovalDecision.approve(), "alice");
			}
			finally {
				approver.shutdown();
			}

			Path log = directory.resolve("second.log");
			Process second = probe(database, executions, "recover", log);
			assertThat(second.waitFor(120, TimeUnit.SECONDS)).as("the second JVM finished").isTrue();
			assertThat(Files.readAllLines(log)).as("the second JVM's output").contains("RESULT refunded A-1");
			// Asked again on recovery (the same request), answered at once; the refund ran once, after the approval.
			assertThat(Files.readAllLines(executions)).containsExactly("asked human-0.0.0", "asked human-0.0.0",
					"refunded A-1");
		}
	}

	/** Starts {@link DurableApprovalProbe} in a JVM of its own, with this JVM's class path and one executor id. */
	private static Process probe(PostgresTestDatabase database, Path executions, String mode, Path log)
			throws Exception {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path")));
		String logback = System.getProperty("logback.configurationFile");
		if (logback != null) {
			command.add("-Dlogback.configurationFile=" + logback);
		}
		command.addAll(List.of(DurableApprovalProbe.class.getName(), database.jdbcUrl(), database.user(),
				"approval-executor", executions.toString(), mode));
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

}

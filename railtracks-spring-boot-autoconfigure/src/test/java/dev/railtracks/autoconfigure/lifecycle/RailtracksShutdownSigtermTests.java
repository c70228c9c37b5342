package dev.railtracks.autoconfigure.lifecycle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM to a real application JVM while a session runs: Boot's shutdown hook closes the context, and the
 * {@link RailtracksShutdownLifecycle} cancels the session, saves its state and publishes its close event. // #6
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RailtracksShutdownSigtermTests {

	@Test
	@DisabledOnOs(value = OS.WINDOWS, disabledReason = "Process.destroy() is not SIGTERM on Windows")
	void sigtermSavesTheRunningSessionAndPublishesItsCloseEvent(@TempDir Path temp) throws Exception {
		Path directory = temp.resolve("state");
		Path output = temp.resolve("application.out");
		String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process application = new ProcessBuilder(javaCommand, "-Xshare:off", "-cp", System.getProperty("java.class.path"),
				SigtermApplication.class.getName(), "--railtracks.state-directory=" + directory,
				"--logging.level.root=warn")
			.redirectErrorStream(true)
			// A file, not a pipe: Process.destroy() would close the pipe before the shutdown hook's output arrives.
			.redirectOutput(output.toFile())
			.start();
		try {
			await().atMost(Duration.ofSeconds(90)).until(() -> Files.readAllLines(output).contains("RUNNING"));
			application.toHandle().destroy(); // SIGTERM, leaving the output alone
			assertThat(application.waitFor(60, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
		}
		finally {
			application.destroyForcibly();
		}
		List<String> lines = Files.readAllLines(output);
		assertThat(lines).anySatisfy((line) -> assertThat(line).startsWith("CLOSED "))
			.anySatisfy((line) -> assertThat(line).startsWith("REQUEST FAILED: ")
				.endsWith("was closed while the run was in progress"));
		try (Stream<Path> files = Files.list(directory)) {
			assertThat(files.toList()).singleElement()
				.satisfies((file) -> assertThat(Files.readString(file)).contains("\"waiting\"")
					.contains("was closed while the run was in progress"));
		}
	}

}

package dev.railtracks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.info.RequestStatus;

import static dev.railtracks.Railtracks.call;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node that recurses in plain Java until the stack is nearly gone and calls {@link Railtracks#call} on the way:
 * the engine overflows at every point of a call in turn, and must never leave a request open in the record or the
 * saved file.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class StackLimitTests {

	private static final FunctionNode<String> LEAF = FunctionNode.of("leaf", () -> "leaf");

	@Test
	void callsThatOverflowTheStackNeverLeaveARequestOpen(@TempDir Path directory) throws Exception {
		for (int attempt = 0; attempt < 10; attempt++) {
			FunctionNode<Integer> deep = FunctionNode.of("deep", () -> recurse(0));
			ExecutionInfo info;
			try (Session session = new Session(TestConfigs.noSave().saveState(true)
				.stateDirectory(directory)
				.runIdentifier("attempt-" + attempt)
				.build())) {
				session.runSync(deep);
				info = session.info();
				assertThat(info.requestForest().heads().values()).as("attempt %d", attempt)
					.allSatisfy((request) -> assertThat(request.status()).isNotEqualTo(RequestStatus.OPEN));
			}
			JsonNode saved = JsonMapper.shared().readTree(directory.resolve("_attempt-" + attempt + ".json").toFile());
			assertThat(saved.get("runs").get(0).get("edges")).as("attempt %d", attempt)
				.allSatisfy((edge) -> assertThat(edge.get("details").get("status").asString()).isNotEqualTo("Open"));
		}
	}

	/**
	 * The same in fresh JVMs with small stacks (as the acceptance tests found on Java 17): the first overflow that
	 * reaches the engine's recording on a fresh stack must find nothing there still to be linked (a lambda linked on
	 * an exhausted stack fails with an {@link InternalError} or {@link BootstrapMethodError}, not a stack overflow),
	 * so the node only ever sees {@link StackOverflowError}s.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "256k", "512k", "1m" })
	void aFreshJvmOverflowingTheStackSeesOnlyStackOverflows(String stackSize, @TempDir Path directory)
			throws Exception {
		Path output = directory.resolve("probe.txt");
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xss" + stackSize,
				"-cp", System.getProperty("java.class.path")));
		String logback = System.getProperty("logback.configurationFile");
		if (logback != null) {
			command.add("-Dlogback.configurationFile=" + logback);
		}
		command.addAll(List.of(StackLimitProbe.class.getName(), "5"));
		Process probe = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		assertThat(probe.waitFor(240, TimeUnit.SECONDS)).as("the probe finished").isTrue();
		List<String> lines = Files.readAllLines(output);
		assertThat(lines).as("the probe's output").contains("OK");
		assertThat(probe.exitValue()).isZero();
	}

	/** Calls the leaf at every depth until a call overflows the stack, then unwinds. */
	private static int recurse(int depth) {
		try {
			call(LEAF);
		}
		catch (StackOverflowError ex) {
			return depth;
		}
		return recurse(depth + 1);
	}

}

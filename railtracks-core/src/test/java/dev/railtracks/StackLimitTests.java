package dev.railtracks;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
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

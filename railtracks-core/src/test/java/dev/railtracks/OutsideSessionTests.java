package dev.railtracks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.railtracks.Railtracks.callAsync;
import static dev.railtracks.Railtracks.callBatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link Railtracks} calls made with no session at all: they run in temporary default sessions, which
 * save their state to the default directory (cleaned up here).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OutsideSessionTests {

	static final FunctionNode<Integer> LENGTH = FunctionNode.of("length_outside", (String s) -> s.length());

	private final Set<Path> before = new HashSet<>();

	@BeforeEach
	void listSavedState() throws IOException {
		this.before.addAll(savedFiles());
	}

	@AfterEach
	void removeSavedState() throws IOException {
		for (Path file : newSavedFiles()) {
			Files.delete(file);
		}
	}

	@Test
	void aBatchOutsideAnySessionRunsInOneTemporarySession() throws IOException {
		assertThat(callBatch(LENGTH, List.of("a", "bb", "ccc"))).containsExactly(1, 2, 3);
		// One session, so one saved file holding three top-level runs.
		assertThat(newSavedFiles()).singleElement()
			.satisfies((file) -> assertThat(Files.readString(file)).contains("\"runs\"").contains("length_outside"));
		assertThatThrownBy(Railtracks::sessionId).isInstanceOf(ContextException.class);
	}

	@Test
	void anAsynchronousCallOutsideAnySessionLeavesNoSessionOnTheCallingThread() {
		assertThat(callAsync(LENGTH, "four").join()).isEqualTo(4);
		assertThatThrownBy(Railtracks::sessionId).isInstanceOf(ContextException.class);
	}

	private List<Path> newSavedFiles() throws IOException {
		return savedFiles().stream().filter((file) -> !this.before.contains(file)).toList();
	}

	private static List<Path> savedFiles() throws IOException {
		if (!Files.isDirectory(DefaultStateDirectory.path())) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(DefaultStateDirectory.path())) {
			return files.toList();
		}
	}

}

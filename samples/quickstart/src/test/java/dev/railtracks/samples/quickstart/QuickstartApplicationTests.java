package dev.railtracks.samples.quickstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.railtracks.info.ExecutionInfo;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link QuickstartApplication}.
 */
class QuickstartApplicationTests {

	@Test
	void plannerScoresEveryStepWithTheContextWeightAndSavesTheRun(@TempDir Path stateDirectory) throws IOException {
		ExecutionInfo info = QuickstartApplication.plan("ab, cde", stateDirectory);

		assertThat(info.answer()).isEqualTo(Map.of("steps", 2, "total", 10));
		// planner, two scores, one sum
		assertThat(info.nodeForest().size()).isEqualTo(4);
		try (Stream<Path> files = Files.list(stateDirectory)) {
			List<String> names = files.map((file) -> file.getFileName().toString()).toList();
			assertThat(names).singleElement().asString().startsWith("quickstart_").endsWith(".json");
		}
	}

}

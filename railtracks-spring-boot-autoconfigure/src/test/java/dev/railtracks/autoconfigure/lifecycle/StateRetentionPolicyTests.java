package dev.railtracks.autoconfigure.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StateRetentionPolicy} on real files.
 */
class StateRetentionPolicyTests {

	private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

	private static final StateRetentionPolicy GENEROUS = new StateRetentionPolicy(1000, Duration.ofDays(7),
			DataSize.ofMegabytes(100));

	@TempDir
	Path directory;

	@Test
	void keepsTheNewestFilesUpToMaxFiles() throws IOException {
		for (int i = 1; i <= 5; i++) {
			write("s" + i + ".json", 10, NOW.minusSeconds(100 - i));
		}
		StateRetentionPolicy.Swept swept = new StateRetentionPolicy(2, Duration.ofDays(7), DataSize.ofMegabytes(1))
			.sweep(this.directory, NOW);
		assertThat(names()).containsExactlyInAnyOrder("s4.json", "s5.json");
		assertThat(swept).isEqualTo(new StateRetentionPolicy.Swept(3, 30, 2, 20));
	}

	@Test
	void deletesFilesOlderThanMaxAge() throws IOException {
		write("old.json", 10, NOW.minus(Duration.ofDays(8)));
		write("new.json", 10, NOW.minus(Duration.ofDays(6)));
		GENEROUS.sweep(this.directory, NOW);
		assertThat(names()).containsExactly("new.json");
	}

	@Test
	void keepsTheNewestFilesThatFitInMaxTotalSize() throws IOException {
		write("a.json", 400, NOW.minusSeconds(3));
		write("b.json", 400, NOW.minusSeconds(2));
		write("c.json", 400, NOW.minusSeconds(1));
		new StateRetentionPolicy(1000, Duration.ofDays(7), DataSize.ofBytes(1000)).sweep(this.directory, NOW);
		assertThat(names()).containsExactlyInAnyOrder("b.json", "c.json");
	}

	@Test
	void leavesOtherFilesSavesInProgressAndSubdirectoriesAlone() throws IOException {
		Instant ancient = NOW.minus(Duration.ofDays(30));
		write("notes.txt", 10, ancient);
		write(".abc123.json.tmp", 10, ancient);
		write(".hidden.json", 10, ancient);
		Files.createDirectory(this.directory.resolve("nested.json"));
		write("expired.json", 10, ancient);
		GENEROUS.sweep(this.directory, NOW);
		assertThat(names()).containsExactlyInAnyOrder("notes.txt", ".abc123.json.tmp", ".hidden.json", "nested.json");
	}

	@Test
	void aMissingDirectoryHoldsNothing() throws IOException {
		assertThat(GENEROUS.sweep(this.directory.resolve("never-created"), NOW))
			.isEqualTo(new StateRetentionPolicy.Swept(0, 0, 0, 0));
	}

	private void write(String name, int bytes, Instant modified) throws IOException {
		Path file = Files.write(this.directory.resolve(name), new byte[bytes]);
		Files.setLastModifiedTime(file, FileTime.from(modified));
	}

	private List<String> names() throws IOException {
		try (Stream<Path> files = Files.list(this.directory)) {
			return files.map((file) -> file.getFileName().toString()).toList();
		}
	}

}

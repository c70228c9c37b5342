package dev.railtracks.info;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.railtracks.FunctionNode;
import dev.railtracks.Session;
import dev.railtracks.TestConfigs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Tests for {@link SessionDocument#saveTo(Path)}: where the file goes and what it leaves.
 */
class SessionDocumentTests {

	@TempDir
	Path directory;

	private static SessionDocument document(String sessionId) {
		return new SessionDocument(sessionId, "plan", 1_000_000_000L, 2_000_000_000L, ExecutionInfo.createNew());
	}

	@Test
	void aMissingDirectoryIsCreatedWithItsParents() throws IOException {
		Path nested = this.directory.resolve("a").resolve("b");
		SessionDocument.Saved saved = document("s-1").saveTo(nested);
		assertThat(saved.file()).isEqualTo(nested.resolve("plan_s-1.json"));
		assertThat(saved.file()).content().isEqualTo(document("s-1").toJson());
		assertThat(entries(nested)).containsExactly("plan_s-1.json");
	}

	@Test
	void savingTheSameSessionAgainReplacesItsFileAndLeavesNoTemporaryFile() throws IOException {
		document("s-2").saveTo(this.directory);
		SessionDocument later = new SessionDocument("s-2", "plan", 1_000_000_000L, 3_000_000_000L,
				ExecutionInfo.createNew());
		later.saveTo(this.directory);
		assertThat(entries(this.directory)).containsExactly("plan_s-2.json");
		assertThat(this.directory.resolve("plan_s-2.json")).content().isEqualTo(later.toJson());
	}

	@Test
	void theSavedFileIsReadableAndWritableByItsOwnerOnly() throws IOException {
		assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
		Path file = document("s-3").saveTo(this.directory).file();
		assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
				PosixFilePermission.OWNER_WRITE);
	}

	@Test
	void aThreadWhoseInterruptIsPendingStillSavesAndKeepsItsInterrupt() throws IOException {
		// The session writer's thread is interrupted when the writer closes, possibly while it saves.
		Thread.currentThread().interrupt();
		try {
			document("s-4").saveTo(this.directory);
		}
		finally {
			assertThat(Thread.interrupted()).isTrue();
		}
		assertThat(this.directory.resolve("plan_s-4.json")).content().isEqualTo(document("s-4").toJson());
	}

	@Test
	void theFileIsTheDocumentInUtf8AndReadsBackToTheSameText() throws IOException {
		String text = "caf\u00e9 \u65e5\u672c \ud83d\ude00";
		SessionDocument document = documentOfARunReturning(text);
		Path file = document.saveTo(this.directory).file();
		assertThat(Files.readAllBytes(file)).isEqualTo(document.toJson().getBytes(StandardCharsets.UTF_8));
		assertThat(outputIn(file)).isEqualTo(text);
	}

	@Test
	void aStringThatIsNotTextKeepsItsBrokenCharacterAsAnEscape() throws IOException {
		// Half of an emoji, as a model cut off mid-character may give: no UTF-8 bytes can say it, a JSON escape can.
		String broken = "cut \ud83d";
		assertThat(outputIn(documentOfARunReturning(broken).saveTo(this.directory).file())).isEqualTo(broken);
	}

	@Test
	void aLargeDocumentGoesToTheFileWhileItIsWrittenNotWholeIntoMemoryFirst() throws IOException {
		// The output's second item looks at the directory when it is written: 200 KB are before it.
		TemporaryFileProbe probe = new TemporaryFileProbe(this.directory);
		SessionDocument document;
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			session.call(FunctionNode.of("big", (String text) -> List.of(text, probe)), "x".repeat(200_000));
			document = new SessionDocument(session.identifier(), "plan", session.startNanos(),
					session.startNanos() + 1, session.info());
		}
		probe.watching = true;
		Path file = document.saveTo(this.directory).file();
		assertThat(probe.largestTemporaryFile).isGreaterThan(100_000);
		assertThat(Files.size(file)).isGreaterThan(200_000);
		assertThat(entries(this.directory)).containsExactly(file.getFileName().toString());
	}

	/** A value whose text is the size of the biggest temporary file in a directory at the moment it is written. */
	private static final class TemporaryFileProbe {

		private final Path directory;

		volatile boolean watching;

		volatile long largestTemporaryFile;

		TemporaryFileProbe(Path directory) {
			this.directory = directory;
		}

		@Override
		public String toString() {
			if (this.watching) {
				try (Stream<Path> files = Files.list(this.directory)) {
					for (Path file : files.filter((f) -> f.getFileName().toString().endsWith(".tmp")).toList()) {
						this.largestTemporaryFile = Math.max(this.largestTemporaryFile, Files.size(file));
					}
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			}
			return "probe";
		}

	}

	private static SessionDocument documentOfARunReturning(String output) {
		try (Session session = new Session(TestConfigs.NO_SAVE)) {
			session.call(FunctionNode.of("echo", (String text) -> text), output);
			return new SessionDocument(session.identifier(), "plan", session.startNanos(), session.startNanos() + 1,
					session.info());
		}
	}

	private static String outputIn(Path file) {
		JsonNode edge = JsonMapper.builder().build().readTree(file.toFile()).at("/runs/0/edges/0/details/output");
		return edge.asString();
	}

	private static List<String> entries(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.map((file) -> file.getFileName().toString()).toList();
		}
	}

}

package dev.railtracks.viz;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SessionDirectory} over real saved sessions. // #9
 */
class SessionDirectoryTests {

	@TempDir
	Path directory;

	@Test
	void listsSavedSessionsNewestFirstWithTheirRuns() throws Exception {
		SavedSessions.plan(this.directory, "first");
		SavedSessions.checkout(this.directory, "second");
		List<SessionSummary> sessions = new SessionDirectory(this.directory).list();
		assertThat(sessions).extracting(SessionSummary::sessionId).containsExactly("second", "first");
		SessionSummary plan = sessions.get(1);
		assertThat(plan.sessionName()).isEqualTo("trip");
		assertThat(plan.source()).isEqualTo(SessionSummary.SAVED);
		assertThat(plan.file()).isEqualTo("trip_first.json");
		assertThat(plan.nodeCount()).isEqualTo(6);
		assertThat(plan.error()).isNull();
		assertThat(plan.runs()).singleElement().satisfies((run) -> {
			assertThat(run.name()).isEqualTo("plan");
			assertThat(run.status()).isEqualTo("Completed");
			assertThat(run.endTime()).isGreaterThanOrEqualTo(run.startTime());
		});
		assertThat(sessions.get(0).runs()).singleElement().extracting(RunSummary::status).isEqualTo("Failed");
	}

	@Test
	void anAbsentOrEmptyDirectoryHasNoSessions() throws Exception {
		assertThat(new SessionDirectory(this.directory.resolve("not-yet")).list()).isEmpty();
		assertThat(new SessionDirectory(this.directory).list()).isEmpty();
		assertThat(new SessionDirectory(this.directory.resolve("not-yet")).find("any")).isEmpty();
	}

	@Test
	void aHalfWrittenFileIsListedWithWhatIsWrongAndTheOthersStillShow() throws Exception {
		Path good = SavedSessions.plan(this.directory, "good");
		String content = Files.readString(good);
		Files.writeString(this.directory.resolve("trip_broken.json"), content.substring(0, content.length() / 2));
		Files.writeString(this.directory.resolve("notes.json"), "[1, 2]");
		Files.writeString(this.directory.resolve("other.json"), "{\"id\": \"x\"}");
		List<SessionSummary> sessions = new SessionDirectory(this.directory).list();
		assertThat(sessions).filteredOn((s) -> s.error() == null).extracting(SessionSummary::sessionId)
			.containsExactly("good");
		List<String> errors = sessions.stream().map(SessionSummary::error).filter((e) -> e != null).toList();
		assertThat(errors).hasSize(3)
			.contains("notes.json: Not a Railtracks session file: the JSON is not an object",
					"other.json: Not a Railtracks session file: it has no session_id")
			.anySatisfy((error) -> assertThat(error).startsWith("trip_broken.json: Invalid JSON: ")
				.contains("end-of-input")
				.contains("(line 1, column ")
				.doesNotContain("Source:"));
	}

	@Test
	void temporaryFilesOfASaveInProgressAreNotListed() throws Exception {
		SavedSessions.plan(this.directory, "done");
		Files.writeString(this.directory.resolve(".done12345.json.tmp"), "{");
		Files.writeString(this.directory.resolve(".hidden.json"), "{");
		assertThat(new SessionDirectory(this.directory).list()).extracting(SessionSummary::sessionId)
			.containsExactly("done");
	}

	@Test
	void findsASessionByIdWhateverItsNamePrefix() throws Exception {
		Path file = SavedSessions.plan(this.directory, "a_b");
		SavedSessions.checkout(this.directory, "b");
		SessionDirectory sessions = new SessionDirectory(this.directory);
		assertThat(sessions.find("a_b")).contains(file);
		// trip_a_b.json ends with "_b.json" but is session a_b, not b.
		assertThat(sessions.find("b")).hasValueSatisfying((found) -> assertThat(found.getFileName().toString())
			.endsWith("b.json")
			.isNotEqualTo(file.getFileName().toString()));
		assertThat(sessions.find("unknown")).isEmpty();
	}

	@Test
	void aCorruptFileIsFoundSoItsErrorCanBeShown() throws Exception {
		Files.writeString(this.directory.resolve("trip_broken.json"), "{\"session_id\": \"broken\", \"runs\": [");
		assertThat(new SessionDirectory(this.directory).find("broken")).contains(this.directory.resolve("trip_broken.json"));
	}

	@Test
	void anIdThatIsAPathIsRefusedBeforeAnyFileIsTouched() {
		SessionDirectory sessions = new SessionDirectory(this.directory);
		for (String unsafe : List.of("../../etc/passwd", "..", "a/b", "", ".hidden", "a b", "x".repeat(129))) {
			assertThatIllegalArgumentException().isThrownBy(() -> sessions.find(unsafe))
				.withMessageStartingWith("Invalid session id '" + unsafe + "'");
		}
	}

	@Test
	void aChangedFileIsReadAgain() throws Exception {
		Path file = this.directory.resolve("trip_live.json");
		Files.writeString(file, "{\"session_id\": \"live\", \"session_name\": \"before\", \"runs\": []}");
		SessionDirectory sessions = new SessionDirectory(this.directory);
		SessionSummary before = sessions.list().get(0);
		Files.writeString(file, "{\"session_id\": \"live\", \"session_name\": \"after, longer\", \"runs\": []}");
		SessionSummary after = sessions.list().get(0);
		assertThat(before.sessionName()).isEqualTo("before");
		assertThat(after.sessionName()).isEqualTo("after, longer");
		assertThat(after.revision()).isNotEqualTo(before.revision());
	}

}

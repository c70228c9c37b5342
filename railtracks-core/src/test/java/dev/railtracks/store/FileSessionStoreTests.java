package dev.railtracks.store;

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

import dev.railtracks.viz.SavedSessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the {@link FileSessionStore}'s history (listing, opening, retention) over real saved sessions. // #9
 */
class FileSessionStoreTests {

	private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

	private static final RetentionPolicy GENEROUS = new RetentionPolicy(1000, Duration.ofDays(7), 100_000_000);

	@TempDir
	Path directory;

	@Test
	void listsSavedSessionsNewestFirstWithTheirRuns() throws Exception {
		SavedSessions.plan(this.directory, "first");
		SavedSessions.checkout(this.directory, "second");
		List<StoredSession> sessions = new FileSessionStore(this.directory).list(10);
		assertThat(sessions).extracting(StoredSession::sessionId).containsExactly("second", "first");
		StoredSession plan = sessions.get(1);
		assertThat(plan.sessionName()).isEqualTo("trip");
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
		assertThat(new FileSessionStore(this.directory.resolve("not-yet")).list(10)).isEmpty();
		assertThat(new FileSessionStore(this.directory).list(10)).isEmpty();
		assertThat(new FileSessionStore(this.directory.resolve("not-yet")).open("any")).isEmpty();
	}

	@Test
	void aHalfWrittenFileIsListedWithWhatIsWrongAndTheOthersStillShow() throws Exception {
		Path good = SavedSessions.plan(this.directory, "good");
		String content = Files.readString(good);
		Files.writeString(this.directory.resolve("trip_broken.json"), content.substring(0, content.length() / 2));
		Files.writeString(this.directory.resolve("notes.json"), "[1, 2]");
		Files.writeString(this.directory.resolve("other.json"), "{\"id\": \"x\"}");
		List<StoredSession> sessions = new FileSessionStore(this.directory).list(10);
		assertThat(sessions).filteredOn((s) -> s.error() == null).extracting(StoredSession::sessionId)
			.containsExactly("good");
		List<String> errors = sessions.stream().map(StoredSession::error).filter((e) -> e != null).toList();
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
		assertThat(new FileSessionStore(this.directory).list(10)).extracting(StoredSession::sessionId)
			.containsExactly("done");
	}

	@Test
	void findsASessionByIdWhateverItsNamePrefix() throws Exception {
		Path file = SavedSessions.plan(this.directory, "a_b");
		SavedSessions.checkout(this.directory, "b");
		FileSessionStore sessions = new FileSessionStore(this.directory);
		byte[] saved = Files.readAllBytes(file);
		assertThat(sessions.open("a_b")).hasValueSatisfying((found) -> {
			assertThat(found.name()).isEqualTo(file.getFileName().toString());
			assertThat(found.json()).isEqualTo(saved);
		});
		// trip_a_b.json ends with "_b.json" but is session a_b, not b.
		assertThat(sessions.open("b")).hasValueSatisfying((found) -> assertThat(found.name())
			.endsWith("b.json")
			.isNotEqualTo(file.getFileName().toString()));
		assertThat(sessions.open("unknown")).isEmpty();
	}

	@Test
	void aCorruptFileIsFoundSoItsErrorCanBeShown() throws Exception {
		Files.writeString(this.directory.resolve("trip_broken.json"), "{\"session_id\": \"broken\", \"runs\": [");
		assertThat(new FileSessionStore(this.directory).open("broken")).map(StoredDocument::name)
			.contains("trip_broken.json");
	}

	@Test
	void anIdThatIsAPathIsRefusedBeforeAnyFileIsTouched() {
		FileSessionStore sessions = new FileSessionStore(this.directory);
		for (String unsafe : List.of("../../etc/passwd", "..", "a/b", "", ".hidden", "a b", "x".repeat(129))) {
			assertThatIllegalArgumentException().isThrownBy(() -> sessions.open(unsafe))
				.withMessageStartingWith("Invalid session id '" + unsafe + "'");
		}
	}

	@Test
	void aChangedFileIsReadAgain() throws Exception {
		Path file = this.directory.resolve("trip_live.json");
		Files.writeString(file, "{\"session_id\": \"live\", \"session_name\": \"before\", \"runs\": []}");
		FileSessionStore sessions = new FileSessionStore(this.directory);
		StoredSession before = sessions.list(10).get(0);
		Files.writeString(file, "{\"session_id\": \"live\", \"session_name\": \"after, longer\", \"runs\": []}");
		StoredSession after = sessions.list(10).get(0);
		assertThat(before.sessionName()).isEqualTo("before");
		assertThat(after.sessionName()).isEqualTo("after, longer");
		assertThat(after.revision()).isNotEqualTo(before.revision());
	}

	@Test
	void listsAtMostTheLimitNewestFirst() throws Exception {
		SavedSessions.plan(this.directory, "first");
		SavedSessions.plan(this.directory, "second");
		SavedSessions.plan(this.directory, "third");
		assertThat(new FileSessionStore(this.directory).list(2)).extracting(StoredSession::sessionId)
			.containsExactly("third", "second");
	}

	@Test
	void retentionKeepsTheNewestFilesUpToMaxSessions() throws IOException {
		for (int i = 1; i <= 5; i++) {
			write("s" + i + ".json", 10, NOW.minusSeconds(100 - i));
		}
		RetentionPolicy.Outcome outcome = new FileSessionStore(this.directory)
			.retain(new RetentionPolicy(2, Duration.ofDays(7), 1_000_000), NOW);
		assertThat(names()).containsExactlyInAnyOrder("s4.json", "s5.json");
		assertThat(outcome).isEqualTo(new RetentionPolicy.Outcome(3, 30, 2, 20));
	}

	@Test
	void retentionDeletesFilesOlderThanMaxAge() throws IOException {
		write("old.json", 10, NOW.minus(Duration.ofDays(8)));
		write("new.json", 10, NOW.minus(Duration.ofDays(6)));
		new FileSessionStore(this.directory).retain(GENEROUS, NOW);
		assertThat(names()).containsExactly("new.json");
	}

	@Test
	void retentionKeepsTheNewestFilesThatFitInMaxTotalBytes() throws IOException {
		write("a.json", 400, NOW.minusSeconds(3));
		write("b.json", 400, NOW.minusSeconds(2));
		write("c.json", 400, NOW.minusSeconds(1));
		new FileSessionStore(this.directory).retain(new RetentionPolicy(1000, Duration.ofDays(7), 1000), NOW);
		assertThat(names()).containsExactlyInAnyOrder("b.json", "c.json");
	}

	@Test
	void retentionNeverKeepsAnOlderFileWhileItDeletesANewerOne() throws IOException {
		write("a.json", 100, NOW.minusSeconds(4));
		write("b.json", 100, NOW.minusSeconds(3));
		write("big.json", 950, NOW.minusSeconds(2));
		write("c.json", 100, NOW.minusSeconds(1));
		// Newest first: c (100), big (1050: past the limit), b, a: everything from big on goes, as in the JDBC store;
		// the older small files are not kept in its place.
		RetentionPolicy.Outcome outcome = new FileSessionStore(this.directory)
			.retain(new RetentionPolicy(1000, Duration.ofDays(7), 1000), NOW);
		assertThat(names()).containsExactly("c.json");
		assertThat(outcome).isEqualTo(new RetentionPolicy.Outcome(3, 1150, 1, 100));
	}

	@Test
	void aSymbolicLinkNamedLikeAStateFileIsNeitherListedNorOpenedNorCountedNorDeleted(@TempDir Path elsewhere)
			throws Exception {
		Path secret = SavedSessions.plan(elsewhere, "secret");
		Files.setLastModifiedTime(secret, FileTime.from(NOW.minus(Duration.ofDays(30))));
		Path link = this.directory.resolve("x_secret.json");
		Files.createSymbolicLink(link, secret);
		SavedSessions.checkout(this.directory, "mine");
		FileSessionStore sessions = new FileSessionStore(this.directory);
		assertThat(sessions.list(10)).extracting(StoredSession::sessionId).containsExactly("mine");
		assertThat(sessions.open("secret")).isEmpty();
		assertThat(sessions.retain(GENEROUS, NOW).kept()).isEqualTo(1);
		assertThat(Files.isSymbolicLink(link)).isTrue();
		assertThat(secret).exists();
	}

	@Test
	void retentionLeavesOtherFilesSavesInProgressAndSubdirectoriesAlone() throws IOException {
		Instant ancient = NOW.minus(Duration.ofDays(30));
		write("notes.txt", 10, ancient);
		write(".abc123.json.tmp", 10, ancient);
		write(".hidden.json", 10, ancient);
		Files.createDirectory(this.directory.resolve("nested.json"));
		write("expired.json", 10, ancient);
		new FileSessionStore(this.directory).retain(GENEROUS, NOW);
		assertThat(names()).containsExactlyInAnyOrder("notes.txt", ".abc123.json.tmp", ".hidden.json", "nested.json");
	}

	@Test
	void aFileSavedAgainSinceTheLastSweepIsRankedByItsNewTime() throws IOException {
		RetentionPolicy two = new RetentionPolicy(2, Duration.ofDays(7), 1_000_000);
		FileSessionStore sessions = new FileSessionStore(this.directory);
		write("a.json", 10, NOW.minusSeconds(30));
		write("b.json", 10, NOW.minusSeconds(20));
		sessions.retain(two, NOW);
		// a is saved again (newest now), then c: b is the oldest, though a was the oldest when the last sweep saw it.
		write("a.json", 20, NOW.minusSeconds(5));
		write("c.json", 10, NOW.minusSeconds(10));
		RetentionPolicy.Outcome outcome = sessions.retain(two, NOW);
		assertThat(names()).containsExactlyInAnyOrder("a.json", "c.json");
		assertThat(outcome).isEqualTo(new RetentionPolicy.Outcome(1, 10, 2, 30));
	}

	@Test
	void aFileDeletedOrReplacedByALinkSinceTheLastSweepIsNoLongerCounted(@TempDir Path elsewhere) throws IOException {
		RetentionPolicy two = new RetentionPolicy(2, Duration.ofDays(7), 1_000_000);
		FileSessionStore sessions = new FileSessionStore(this.directory);
		write("a.json", 10, NOW.minusSeconds(40));
		write("b.json", 10, NOW.minusSeconds(30));
		sessions.retain(two, NOW);
		Files.delete(this.directory.resolve("b.json"));
		Path target = Files.write(elsewhere.resolve("target.json"), new byte[10]);
		Files.delete(this.directory.resolve("a.json"));
		Files.createSymbolicLink(this.directory.resolve("a.json"), target);
		write("c.json", 10, NOW.minusSeconds(20));
		write("d.json", 10, NOW.minusSeconds(10));
		write("e.json", 10, NOW.minusSeconds(50));
		assertThat(sessions.retain(two, NOW)).isEqualTo(new RetentionPolicy.Outcome(1, 10, 2, 20));
		assertThat(names()).containsExactlyInAnyOrder("a.json", "c.json", "d.json");
		assertThat(target).exists();
	}

	@Test
	void aKeptFileSavedAgainSmallerSinceTheLastSweepNoLongerPushesOutOneThatFits() throws IOException {
		RetentionPolicy hundredBytes = new RetentionPolicy(1000, Duration.ofDays(7), 100);
		FileSessionStore sessions = new FileSessionStore(this.directory);
		write("a.json", 60, NOW.minusSeconds(10));
		write("b.json", 30, NOW.minusSeconds(30));
		write("c.json", 5, NOW.minusSeconds(40));
		sessions.retain(hundredBytes, NOW);
		// a is replaced by 10 bytes (same time); d comes: 55 bytes together, all fit.
		write("a.json", 10, NOW.minusSeconds(10));
		write("d.json", 10, NOW.minusSeconds(50));
		assertThat(sessions.retain(hundredBytes, NOW)).isEqualTo(new RetentionPolicy.Outcome(0, 0, 4, 55));
		assertThat(names()).containsExactlyInAnyOrder("a.json", "b.json", "c.json", "d.json");
	}

	@Test
	void aKeptFileRestoredWithAnOlderTimeSinceTheLastSweepIsTheOneThatGoes() throws IOException {
		RetentionPolicy two = new RetentionPolicy(2, Duration.ofDays(7), 1_000_000);
		FileSessionStore sessions = new FileSessionStore(this.directory);
		write("x.json", 10, NOW.minusSeconds(5));
		write("y.json", 10, NOW.minusSeconds(20));
		sessions.retain(two, NOW);
		// x is replaced by an older copy (cp -p, rsync): the newest two are z and y.
		write("x.json", 10, NOW.minusSeconds(100));
		write("z.json", 10, NOW.minusSeconds(10));
		assertThat(sessions.retain(two, NOW)).isEqualTo(new RetentionPolicy.Outcome(1, 10, 2, 20));
		assertThat(names()).containsExactlyInAnyOrder("y.json", "z.json");
	}

	@Test
	void retentionInAMissingDirectoryDeletesNothing() throws IOException {
		assertThat(new FileSessionStore(this.directory.resolve("never-created")).retain(GENEROUS, NOW))
			.isEqualTo(new RetentionPolicy.Outcome(0, 0, 0, 0));
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

package dev.railtracks.viz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.Flow;
import dev.railtracks.FunctionNode;
import dev.railtracks.LoggingSetting;
import dev.railtracks.Session;
import dev.railtracks.SessionListener;
import dev.railtracks.support.EpochClock;
import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.info.SessionDocument;
import dev.railtracks.store.FileSessionStore;
import dev.railtracks.store.SavedSession;
import dev.railtracks.store.SessionStore;
import dev.railtracks.store.StoredSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SessionBrowser}: the visualiser's answers, for live sessions and saved files alike. // #16
 */
class SessionBrowserTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path directory;

	@Test
	void listsRunningThenClosedThenSavedSessionsAndLeavesOutTheFilesOfListedOnes() throws Exception {
		Remembered live = new Remembered();
		SavedSessions.plan(this.directory, "old-file");
		try (Session closed = live.session("closed-1")) {
			closed.runSync(SavedSessions.PLAN, "a,b");
		}
		CountDownLatch release = new CountDownLatch(1);
		try (Session running = live.session("running-1")) {
			CompletableFuture<ExecutionInfo> run = running.run(waitFor(release), "x");
			JsonNode sessions = JSON.readTree(ok(new SessionBrowser(new FileSessionStore(this.directory), SessionBrowser.DEFAULT_LIST_LIMIT, live).sessions()));
			assertThat(sessions.valueStream().map((s) -> s.path("session_id").asString() + "/" + s.path("source").asString()))
				.containsExactly("running-1/running", "closed-1/closed", "old-file/saved");
			JsonNode runningSummary = sessions.get(0);
			assertThat(runningSummary.path("end_time").isNull()).isTrue();
			assertThat(runningSummary.path("runs").get(0).path("status").asString()).isEqualTo("Open");
			assertThat(sessions.get(1).path("node_count").asInt()).isEqualTo(5);
			release.countDown();
			run.get(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void aStoreThatCannotBeReadLeavesTheLiveSessionsListedAndSaysWhyTheSavedOnesAreMissing() throws Exception {
		Remembered live = new Remembered();
		try (Session closed = live.session("closed-1")) {
			closed.runSync(SavedSessions.PLAN, "a,b");
		}
		SessionStore down = new SessionStore() {
			@Override
			public SavedSession save(SessionDocument document) throws IOException {
				throw new IOException("the database is down");
			}

			@Override
			public List<StoredSession> list(int limit) throws IOException {
				throw new IOException("the database is down");
			}

			@Override
			public String toString() {
				return "table railtracks_session";
			}
		};
		VizResponse response = new SessionBrowser(down, SessionBrowser.DEFAULT_LIST_LIMIT, live).sessions();
		assertThat(response.status()).isEqualTo(200);
		JsonNode sessions = JSON.readTree(response.body());
		assertThat(sessions).hasSize(2);
		assertThat(sessions.get(0).path("session_id").asString()).isEqualTo("closed-1");
		assertThat(sessions.get(1).path("source").asString()).isEqualTo("saved");
		assertThat(sessions.get(1).path("session_id").isNull()).isTrue();
		assertThat(sessions.get(1).path("error").asString()).isEqualTo(
				"The saved sessions cannot be listed: cannot read table railtracks_session: the database is down");
	}

	@Test
	void aFlowsNameAndIdAreListedForSavedAndLiveSessions() throws Exception {
		Flow<Integer> saved = SavedSessions.tripPlanner(this.directory);
		String savedId = saved.run("flights,hotel,museums").sessionId();
		Remembered live = new Remembered();
		Flow<Integer> running = Flow.builder("live_planner", SavedSessions.PLAN)
			.config(ExecutorConfig.builder()
				.saveState(false)
				.loggingSetting(LoggingSetting.NONE)
				.addSessionListener(live)
				.build())
			.build();
		String runningId = running.run("a,b").sessionId();
		JsonNode sessions = JSON.readTree(ok(new SessionBrowser(new FileSessionStore(this.directory), SessionBrowser.DEFAULT_LIST_LIMIT, live).sessions()));
		assertThat(sessions.get(0).path("session_id").asString()).isEqualTo(runningId);
		assertThat(sessions.get(0).path("flow_name").asString()).isEqualTo("live_planner");
		assertThat(sessions.get(0).path("flow_id").asString()).isEqualTo(running.id());
		assertThat(sessions.get(1).path("session_id").asString()).isEqualTo(savedId);
		assertThat(sessions.get(1).path("flow_name").asString()).isEqualTo("trip_planner");
		assertThat(sessions.get(1).path("flow_id").asString()).isEqualTo(saved.id());
		JsonNode document = JSON.readTree(ok(new SessionBrowser(new FileSessionStore(this.directory), SessionBrowser.DEFAULT_LIST_LIMIT, live).session(runningId, true)));
		assertThat(document.path("flow_name").asString()).isEqualTo("live_planner");
	}

	@Test
	void valuesAreMaskedUnlessShownAndTheDocumentSaysWhichAndWhereItComesFrom() throws Exception {
		Path file = SavedSessions.plan(this.directory, "trip");
		SessionBrowser browser = new SessionBrowser(new FileSessionStore(this.directory), SessionBrowser.DEFAULT_LIST_LIMIT);
		JsonNode shown = JSON.readTree(ok(browser.session("trip", true)));
		assertThat(shown.path("values_shown").asBoolean()).isTrue();
		assertThat(shown.path("source").asString()).isEqualTo("saved");
		assertThat(shown.toString()).contains("flights,hotel,museums", "caught no hotel");
		JsonNode masked = JSON.readTree(ok(browser.session("trip", false)));
		assertThat(masked.path("values_shown").asBoolean()).isFalse();
		assertThat(masked.toString()).doesNotContain("flights", "caught no hotel", "no hotel\"");
		JsonNode top = masked.path("runs").get(0).path("edges").get(0).path("details");
		assertThat(top.path("input_args").get(0).asString()).isEqualTo(GraphValues.MASK);
		assertThat(top.path("output").asString()).isEqualTo(GraphValues.MASK);
		JsonNode node = masked.path("runs").get(0).path("nodes").get(0).path("details").path("internals");
		assertThat(node.path("latency").path("total_time").isNumber()).isTrue();
		// Everything but the values is the file's.
		assertThat(masked.path("runs").get(0).path("steps")).isEqualTo(JSON.readTree(file.toFile()).path("runs").get(0).path("steps"));
	}

	@Test
	void numbersKeepTheirExactValue() throws Exception {
		Files.writeString(this.directory.resolve("exact.json"), "{\"session_id\": \"exact\", \"start_time\": 1.79E9, "
				+ "\"runs\": [{\"output\": 0.10000000000000000555, \"count\": 123456789012345678901234567890}]}");
		String document = ok(new SessionBrowser(new FileSessionStore(this.directory), SessionBrowser.DEFAULT_LIST_LIMIT).session("exact", true));
		assertThat(document).contains("\"output\":0.10000000000000000555", "\"count\":123456789012345678901234567890",
				"\"start_time\":1.79E+9");
	}

	@Test
	void aRunningSessionIsDescribedAsRunningAndAClosedOneAsClosedWhateverItsFileSays() throws Exception {
		Remembered live = new Remembered();
		SessionBrowser browser = new SessionBrowser(new FileSessionStore(this.directory), SessionBrowser.DEFAULT_LIST_LIMIT, live);
		CountDownLatch release = new CountDownLatch(1);
		try (Session session = live.session("s-1")) {
			CompletableFuture<ExecutionInfo> run = session.run(waitFor(release), "x");
			JsonNode running = JSON.readTree(ok(browser.session("s-1", true)));
			assertThat(running.path("source").asString()).isEqualTo("running");
			assertThat(running.path("runs").get(0).path("status").asString()).isEqualTo("Open");
			release.countDown();
			run.get(10, TimeUnit.SECONDS);
		}
		Files.writeString(this.directory.resolve("s-1.json"), "{\"session_id\": \"s-1\", \"runs\": []}");
		JsonNode closed = JSON.readTree(ok(browser.session("s-1", true)));
		assertThat(closed.path("source").asString()).isEqualTo("closed");
		assertThat(closed.path("runs").get(0).path("status").asString()).isEqualTo("Completed");
	}

	@Test
	void filesThatAreNotSessionsAreBadRequestsThatSayWhy() throws Exception {
		SessionBrowser browser = new SessionBrowser(new FileSessionStore(this.directory), SessionBrowser.DEFAULT_LIST_LIMIT);
		Files.writeString(this.directory.resolve("x_empty.json"), "");
		Files.writeString(this.directory.resolve("x_blank.json"), "  \n");
		Files.writeString(this.directory.resolve("x_array.json"), "[1, 2]");
		Files.writeString(this.directory.resolve("x_anonymous.json"), "{\"runs\": []}");
		Files.writeString(this.directory.resolve("x_twice.json"), "{\"session_id\": \"twice\"} {\"session_id\": \"twice\"}");
		Files.writeString(this.directory.resolve("x_half.json"), "{\"session_id\": \"half\", \"runs\": [");
		assertThat(error(browser.session("empty", true), 400)).isEqualTo("Invalid JSON in x_empty.json: the file is empty");
		assertThat(error(browser.session("blank", true), 400)).isEqualTo("Invalid JSON in x_blank.json: the file is empty");
		assertThat(error(browser.session("array", true), 400))
			.isEqualTo("x_array.json is not a Railtracks session file: the JSON is not an object");
		assertThat(error(browser.session("anonymous", true), 400))
			.isEqualTo("x_anonymous.json is not a Railtracks session file: it has no session_id");
		assertThat(error(browser.session("twice", true), 400))
			.isEqualTo("Invalid JSON in x_twice.json: more content after the session's object");
		assertThat(error(browser.session("half", false), 400)).startsWith("Invalid JSON in x_half.json: ")
			.contains("end-of-input", "(line 1, column ");
	}

	@Test
	void anUnknownIdIsNotFoundAndAnIdThatIsAPathIsRefused() {
		SessionBrowser files = new SessionBrowser(new FileSessionStore(this.directory), SessionBrowser.DEFAULT_LIST_LIMIT);
		assertThat(error(files.session("nope", true), 404))
			.isEqualTo("Session not found: no saved session 'nope' in " + this.directory.toAbsolutePath());
		SessionBrowser application = new SessionBrowser(new FileSessionStore(this.directory), SessionBrowser.DEFAULT_LIST_LIMIT, new Remembered());
		assertThat(error(application.session("nope", true), 404)).isEqualTo("Session not found: 'nope' is not running, "
				+ "not recently closed and not saved in " + this.directory.toAbsolutePath());
		assertThat(error(files.session("../../etc/passwd", true), 400)).startsWith("Invalid session id '../../etc/passwd'");
	}

	private static FunctionNode<String> waitFor(CountDownLatch release) {
		return FunctionNode.of("wait", (String what) -> {
			release.await(10, TimeUnit.SECONDS);
			return what;
		});
	}

	private static String ok(VizResponse response) {
		assertThat(response.status()).as(() -> new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
		return new String(response.body(), StandardCharsets.UTF_8);
	}

	private static String error(VizResponse response, int status) {
		assertThat(response.status()).isEqualTo(status);
		return JSON.readTree(response.body()).path("error").asString();
	}

	/** The running and closed sessions made with it, as an application's tracker remembers them. */
	private static final class Remembered implements LiveSessions, SessionListener {

		private final List<Session> running = Collections.synchronizedList(new ArrayList<>());

		private final List<LiveSession> closed = Collections.synchronizedList(new ArrayList<>());

		Session session(String id) {
			return new Session(ExecutorConfig.builder()
				.saveState(false)
				.runIdentifier(id)
				.loggingSetting(LoggingSetting.NONE)
				.addSessionListener(this)
				.build());
		}

		@Override
		public void sessionStarted(Session session) {
			this.running.add(session);
		}

		@Override
		public void sessionClosed(Session session, ExecutionInfo finalInfo) {
			this.running.remove(session);
			this.closed.add(new LiveSession(session.identifier(), session.name(), session.flowName(), session.flowId(),
					session.startNanos(), EpochClock.nowNanos(), finalInfo));
		}

		@Override
		public List<LiveSession> list() {
			List<LiveSession> all = new ArrayList<>(this.closed);
			this.running.forEach((session) -> all.add(LiveSession.running(session)));
			return all;
		}

		@Override
		public Optional<LiveSession> find(String sessionId) {
			return list().stream().filter((session) -> session.sessionId().equals(sessionId))
				.min((a, b) -> Boolean.compare(b.isRunning(), a.isRunning()));
		}

	}

}

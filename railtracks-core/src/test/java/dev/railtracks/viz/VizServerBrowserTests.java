package dev.railtracks.viz;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The visualiser in headless Chromium against the command-line {@link VizServer}, over real saved sessions.
 * Screenshots go to {@code target/viz-screenshots}. // #9
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class VizServerBrowserTests {

	static final Path SCREENSHOTS = Path.of("target", "viz-screenshots");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path directory;

	private VizServer server;

	@BeforeEach
	void start() throws Exception {
		this.server = VizServer.start(this.directory, 0);
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void listsSavedSessionsAndSaysWhyAFileCannotBeShown() throws Exception {
		SavedSessions.plan(this.directory, "trip-1");
		SavedSessions.checkout(this.directory, "checkout-1");
		Files.writeString(this.directory.resolve("trip_half.json"), "{\"session_id\": \"half\", \"runs\": [");
		try (VizPage page = VizPage.open(this.server.url())) {
			assertThat(page.sessionIds("saved")).containsExactlyInAnyOrder("trip-1", "checkout-1");
			assertThat(page.listText()).contains("trip_half.json", "Invalid JSON");
			page.screenshot(SCREENSHOTS.resolve("cli-list.png"));
			page.navigate(this.server.url() + "#session=half");
			page.waitUntil((driver) -> page.error().startsWith("Could not open session half: Invalid JSON in trip_half.json"));
			page.navigate(this.server.url() + "#session=nope");
			page.waitUntil((driver) -> page.error().startsWith("Could not open session nope: Session not found"));
		}
	}

	@Test
	void drawsTheGraphAndShowsWhatANodeReturnedAndHowAnotherFailed() {
		SavedSessions.plan(this.directory, "trip-2");
		try (VizPage page = VizPage.open(this.server.url()).openSession("trip-2")) {
			assertThat(page.drawnNodes()).isEqualTo(6);
			assertThat(page.drawnEdges()).isEqualTo(5);
			String length = page.clickNode("length");
			assertThat(length).contains("length", "Tool", "Completed", "Called by\nplan", "Latency");
			assertThat(page.detail("detail-args")).isEqualToIgnoringWhitespace("[\"flights\"]");
			assertThat(page.detail("detail-output")).isEqualTo("7");
			page.clickNode("fail");
			assertThat(page.detail("detail-status")).isEqualTo("Failed");
			assertThat(page.detail("detail-error")).endsWith("IllegalStateException: no hotel");
			assertThat(page.detail("detail-traceback")).contains("at dev.railtracks.TestNodes");
			page.fit().screenshot(SCREENSHOTS.resolve("cli-trip.png"));
		}
	}

	@Test
	void theSliderReplaysTheRunStepByStep() {
		SavedSessions.plan(this.directory, "trip-3");
		try (VizPage page = VizPage.open(this.server.url()).openSession("trip-3")) {
			int last = page.lastStepIndex();
			assertThat(last).isGreaterThanOrEqualTo(11);
			page.moveSliderTo(0);
			assertThat(page.drawnNodes()).isEqualTo(1);
			assertThat(page.stepLabel()).contains("START CREATED plan");
			page.moveSliderTo(1);
			assertThat(page.drawnNodes()).isEqualTo(2);
			assertThat(page.drawnEdges()).isEqualTo(1);
			page.moveSliderTo(last);
			assertThat(page.drawnNodes()).isEqualTo(6);
			assertThat(page.stepLabel()).contains("Finished executing plan");
		}
	}

	@Test
	void showsAnAgentsModelRoundsToolCallsAndTokens() {
		SavedSessions.copyAgentSession(this.directory);
		try (VizPage page = VizPage.open(this.server.url()).openSession(SavedSessions.AGENT_SESSION_ID)) {
			assertThat(page.drawnNodes()).isEqualTo(2);
			page.clickNode("travel_agent");
			String llm = page.detail("detail-llm");
			assertThat(llm).contains("Round 1: Scripted / scripted-1", "Round 2: Scripted / scripted-1",
					"weather({\"city\":\"Kyoto\"})", "sunny, 24 C", "Kyoto is sunny and 24 C: pack light.",
					"You plan trips.", "tokens in 42", "out 7");
			assertThat(page.detail("detail-tokens")).contains("2 round(s)", "103 input tokens", "19 output tokens");
			assertThat(page.detail("detail-output")).isEqualTo("Kyoto is sunny and 24 C: pack light.");
			page.screenshot(SCREENSHOTS.resolve("cli-agent.png"));
		}
	}

	@Test
	void newSessionsAppearAndARewrittenFileIsReloaded() throws Exception {
		Path file = SavedSessions.copyAgentSession(this.directory);
		JsonNode finished = JSON.readTree(file.toFile());
		Files.writeString(file, JSON.writeValueAsString(SavedSessions.upToStep(finished, 2)));
		try (VizPage page = VizPage.open(this.server.url()).openSession(SavedSessions.AGENT_SESSION_ID)) {
			page.clickNode("weather");
			// A saved file is never running: what it left open did not finish (yet).
			assertThat(page.detail("detail-status")).isEqualTo("Unfinished");
			assertThat(page.script("return document.querySelector(\"li[data-session-id='agent-session-1']\").dataset.status"))
				.isEqualTo("unfinished");
			Files.writeString(file, JSON.writeValueAsString(finished));
			page.waitUntil((driver) -> "Completed".equals(page.detail("detail-status")));
			assertThat(page.detail("detail-output")).isEqualTo("sunny, 24 C");
			SavedSessions.plan(this.directory, "later");
			page.waitForSession("later");
		}
	}

	@Test
	void aFlowIsListedByItsNameAndARunTheOriginalLeftOpenIsUnfinishedNotRunning() {
		String flowSession = SavedSessions.tripPlanner(this.directory).run("flights,hotel,museums").sessionId();
		SavedSessions.copyAgentSessionLeftOpen(this.directory, "timed-out-1");
		try (VizPage page = VizPage.open(this.server.url())) {
			assertThat(page.script("const e = document.querySelector(\"li[data-session-id='" + flowSession
					+ "'] .name\"); return e && e.textContent;")).isEqualTo("trip_planner");
			assertThat(page.script("return document.querySelector(\"li[data-session-id='timed-out-1']\").dataset.status"))
				.isEqualTo("unfinished");
			page.openSession("timed-out-1");
			assertThat(page.script("return document.getElementById('live').hidden")).isEqualTo(true);
			page.clickNode("weather");
			assertThat(page.detail("detail-status")).isEqualTo("Unfinished");
			assertThat(page.detail("detail-output")).startsWith("Never finished");
			page.clickNode("travel_agent");
			assertThat(page.detail("detail-status")).isEqualTo("Unfinished");
			assertThat(page.script("return document.getElementById('session-summary').textContent"))
				.asString()
				.contains("2 unfinished")
				.doesNotContain("running");
			page.screenshot(SCREENSHOTS.resolve("cli-unfinished.png"));
			// A run that finished later was running at its earlier steps.
			page.openSession(flowSession);
			page.moveSliderTo(0);
			page.clickNode("plan");
			assertThat(page.detail("detail-status")).isEqualTo("Running");
		}
	}

	@Test
	void opensAndDrawsTenThousandNodes() throws Exception {
		SavedSessions.fanOut(this.directory, "big", 10_000);
		try (VizPage page = VizPage.open(this.server.url()).openSession("big")) {
			page.waitForNodes(10_001);
			assertThat(page.drawnEdges()).isEqualTo(10_000);
			long millis = page.loadMillis();
			page.clickNode("fan_out");
			assertThat(page.details()).containsIgnoringCase("Calls (10000)");
			page.screenshot(SCREENSHOTS.resolve("cli-10000-nodes.png"));
			Files.writeString(SCREENSHOTS.resolve("cli-10000-nodes.txt"),
					"Opened and drew 10 001 nodes in " + millis + " ms (from click to drawn, in headless Chromium)\n");
		}
	}

}

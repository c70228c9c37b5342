package dev.railtracks.samples.springweb;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.railtracks.FunctionNode;
import dev.railtracks.Session;
import dev.railtracks.autoconfigure.SessionFactory;
import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.viz.SavedSessions;
import dev.railtracks.viz.VizPage;

import static dev.railtracks.Railtracks.call;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The visualiser of the demo in headless Chromium: the sessions the app runs, a saved agent session, and a session
 * that is still running. Screenshots go to {@code target/viz-screenshots}. // #9
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SpringWebVisualiserBrowserTests {

	static final Path SCREENSHOTS = Path.of("target", "viz-screenshots");

	@TempDir
	static Path stateDirectory;

	@LocalServerPort
	private int port;

	@Autowired
	private RestTestClient client;

	@Autowired
	private SessionFactory sessions;

	@DynamicPropertySource
	static void railtracksProperties(DynamicPropertyRegistry registry) {
		registry.add("railtracks.state-directory", stateDirectory::toString);
	}

	@Test
	void showsARunOfTheDemoNodeByNodeAndStepByStep() {
		PlanResponse plan = DemoRequests.plan(this.client, "visit Kyoto");
		Map<String, Object> graph = graph(plan.sessionId());
		int nodes = ((List<?>) graph.get("nodes")).size();
		long calls = ((List<?>) graph.get("edges")).stream()
			.filter((edge) -> ((Map<?, ?>) edge).get("source") != null)
			.count();
		try (VizPage page = VizPage.open(url()).openSession(plan.sessionId())) {
			assertThat(page.sessionIds("closed")).contains(plan.sessionId());
			assertThat(page.drawnNodes()).isEqualTo(nodes);
			assertThat(page.drawnEdges()).isEqualTo(calls);
			page.clickNode("trip_planner");
			assertThat(page.detail("detail-output")).contains(plan.plan().lines().findFirst().orElseThrow());
			assertThat(page.detail("detail-args")).contains("visit Kyoto");
			// The demo's agent really calls its (scripted) model: its rounds, tool calls and tokens are shown.
			assertThat(page.detail("detail-llm")).contains("Round 1", "tokens in");
			page.screenshot(SCREENSHOTS.resolve("demo-plan.png"));
			page.moveSliderTo(0);
			assertThat(page.drawnNodes()).isEqualTo(1);
			assertThat(page.detail("detail-status")).isEqualTo("Running");
			page.moveSliderTo(page.lastStepIndex());
			assertThat(page.drawnNodes()).isEqualTo(nodes);
		}
	}

	@Test
	void showsASavedAgentSessionFromTheStateDirectory() {
		SavedSessions.copyAgentSession(stateDirectory);
		try (VizPage page = VizPage.open(url()).openSession(SavedSessions.AGENT_SESSION_ID)) {
			assertThat(page.sessionIds("saved")).contains(SavedSessions.AGENT_SESSION_ID);
			page.clickNode("travel_agent");
			assertThat(page.detail("detail-llm")).contains("weather({\"city\":\"Kyoto\"})", "sunny, 24 C");
			assertThat(page.detail("detail-tokens")).contains("103 input tokens", "19 output tokens");
		}
	}

	@Test
	void showsAFlowByItsNameAndARunTheOriginalLeftOpenAsUnfinished() {
		String flowSession = SavedSessions.tripPlanner(stateDirectory).run("flights,hotel,museums").sessionId();
		SavedSessions.copyAgentSessionLeftOpen(stateDirectory, "timed-out-2");
		try (VizPage page = VizPage.open(url()).openSession("timed-out-2")) {
			assertThat(page.script("return document.querySelector(\"li[data-session-id='" + flowSession
					+ "'] .name\").textContent")).isEqualTo("trip_planner");
			assertThat(page.script("return document.querySelector(\"li[data-session-id='timed-out-2']\").dataset.status"))
				.isEqualTo("unfinished");
			page.clickNode("weather");
			assertThat(page.detail("detail-status")).isEqualTo("Unfinished");
		}
	}

	@Test
	void followsASessionWhileItRuns() throws Exception {
		CountDownLatch approval = new CountDownLatch(1);
		FunctionNode<String> waitForApproval = FunctionNode.of("wait_for_approval", (String what) -> {
			if (!approval.await(60, TimeUnit.SECONDS)) {
				throw new IllegalStateException("never approved");
			}
			return "approved " + what;
		});
		FunctionNode<String> review = FunctionNode.of("review", (String what) -> call(waitForApproval, what));
		try (VizPage page = VizPage.open(url())) {
			String id;
			try (Session session = this.sessions.create((config) -> config.sessionName("review"))) {
				id = session.identifier();
				CompletableFuture<ExecutionInfo> run = session.run(review, "budget");
				page.waitUntil((driver) -> page.sessionIds("running").contains(id));
				page.openSession(id).waitForNodes(2);
				page.clickNode("wait_for_approval");
				assertThat(page.detail("detail-status")).isEqualTo("Running");
				page.screenshot(SCREENSHOTS.resolve("demo-running.png"));
				approval.countDown();
				run.get(30, TimeUnit.SECONDS);
				page.waitUntil((driver) -> "Completed".equals(page.detail("detail-status")));
				assertThat(page.detail("detail-output")).isEqualTo("approved budget");
			}
			page.waitUntil((driver) -> page.sessionIds("closed").contains(id));
		}
		finally {
			approval.countDown();
		}
	}

	private String url() {
		return "http://localhost:" + this.port + "/railtracks/";
	}


	private Map<String, Object> graph(String sessionId) {
		Map<String, Object> session = this.client.get()
			.uri("/actuator/railtracks/{id}", sessionId)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat(session).isNotNull();
		@SuppressWarnings("unchecked")
		Map<String, Object> graph = (Map<String, Object>) session.get("graph");
		return graph;
	}

}

package dev.railtracks.samples.springweb;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.railtracks.viz.SavedSessions;
import dev.railtracks.viz.VizPage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's visualiser with the endpoint's default {@code show-values} ({@code never}): values stay masked in the
 * browser, for the sessions the app ran and for saved files alike. // #9
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "railtracks.endpoint.show-values=never")
@AutoConfigureRestTestClient
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SpringWebVisualiserMaskedValuesBrowserTests {

	@TempDir
	static Path stateDirectory;

	@LocalServerPort
	private int port;

	@Autowired
	private RestTestClient client;

	@DynamicPropertySource
	static void railtracksProperties(DynamicPropertyRegistry registry) {
		registry.add("railtracks.state-directory", stateDirectory::toString);
	}

	@Test
	void valuesStayMasked() {
		PlanResponse plan = DemoRequests.plan(this.client, "bake bread");
		SavedSessions.copyAgentSession(stateDirectory);
		try (VizPage page = VizPage.open("http://localhost:" + this.port + "/railtracks/")) {
			page.openSession(plan.sessionId());
			page.clickNode("trip_planner");
			assertThat(page.detail("detail-output")).contains("******").doesNotContain(plan.plan());
			assertThat(page.detail("detail-args")).contains("******").doesNotContain("bake bread");
			assertThat(page.detail("detail-llm")).contains("******").doesNotContain("bake bread");
			assertThat(page.details()).contains("Latency");
			assertThat((String) page.script("return document.documentElement.outerHTML")).doesNotContain("bake bread");
			page.screenshot(SpringWebVisualiserBrowserTests.SCREENSHOTS.resolve("demo-masked.png"));
			page.openSession(SavedSessions.AGENT_SESSION_ID);
			page.clickNode("travel_agent");
			assertThat(page.detail("detail-llm")).contains("******").doesNotContain("Kyoto");
			assertThat(page.detail("detail-output")).contains("******").doesNotContain("pack light");
		}
		this.client.get()
			.uri("/railtracks/api/sessions/{id}", plan.sessionId())
			.exchange()
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("\"values_shown\":false")
				.contains("\"output\":\"******\"")
				.doesNotContain("bake bread"));
	}

}

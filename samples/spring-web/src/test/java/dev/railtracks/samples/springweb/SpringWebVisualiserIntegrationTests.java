package dev.railtracks.samples.springweb;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.railtracks.viz.SavedSessions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The visualiser's page and JSON API in the demo, over HTTP: sessions the app ran, files in its state directory, and
 * what users get wrong. // #9
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class SpringWebVisualiserIntegrationTests {

	@TempDir
	static Path stateDirectory;

	@Autowired
	private RestTestClient client;

	@DynamicPropertySource
	static void railtracksProperties(DynamicPropertyRegistry registry) {
		registry.add("railtracks.state-directory", stateDirectory::toString);
	}

	@Test
	void servesThePageAtItsPath() {
		this.client.get().uri("/railtracks").exchange().expectStatus().isPermanentRedirect().expectHeader()
			.location("/railtracks/");
		String page = this.client.get().uri("/railtracks/").exchange().expectStatus().isOk().expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(page).contains("<script src=\"app.js\"></script>");
		this.client.get().uri("/railtracks/app.js").exchange().expectStatus().isOk();
		this.client.get().uri("/railtracks/missing.js").exchange().expectStatus().isNotFound();
	}

	@Test
	void listsTheSessionsTheAppRanAndTheSavedFiles() throws Exception {
		PlanResponse plan = DemoRequests.plan(this.client, "visit Kyoto");
		SavedSessions.copyAgentSession(stateDirectory);
		Files.writeString(stateDirectory.resolve("plan_half.json"), "{\"session_id\": \"half\", \"runs\": [");
		this.client.get()
			.uri("/railtracks/api/sessions")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[?(@.session_id == '%s')].source".formatted(plan.sessionId()))
			.isEqualTo("closed")
			.jsonPath("$[?(@.session_id == '%s')].runs[0].status".formatted(plan.sessionId()))
			.isEqualTo("Completed")
			.jsonPath("$[?(@.session_id == '%s')].source".formatted(SavedSessions.AGENT_SESSION_ID))
			.isEqualTo("saved")
			.jsonPath("$[?(@.file == 'plan_half.json')].error")
			.value((error) -> assertThat(error.toString()).contains("Invalid JSON"));
	}

	@Test
	void servesASessionAsASavedDocumentWithValues() {
		PlanResponse plan = DemoRequests.plan(this.client, "learn to sail");
		this.client.get()
			.uri("/railtracks/api/sessions/{id}", plan.sessionId())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.session_id")
			.isEqualTo(plan.sessionId())
			.jsonPath("$.values_shown")
			.isEqualTo(true)
			.jsonPath("$.runs[0].status")
			.isEqualTo("Completed")
			.jsonPath("$.runs[0].edges[?(@.source == null)].details.output")
			.value((output) -> assertThat(output.toString()).contains(plan.plan().lines().findFirst().orElseThrow()));
	}

	@Test
	void anUnknownSessionIsNotFoundAndAPathIsRefused() {
		this.client.get()
			.uri("/railtracks/api/sessions/no-such-session")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.error")
			.value((error) -> assertThat(error.toString()).startsWith("Session not found: 'no-such-session'"));
		this.client.get()
			.uri("/railtracks/api/sessions/{id}", "..")
			.exchange()
			.expectStatus()
			.isBadRequest();
		this.client.get()
			.uri("/railtracks/api/sessions/{id}", "../../etc/passwd")
			.exchange()
			.expectStatus()
			.isBadRequest();
		this.client.get()
			.uri("/railtracks/api/sessions/{id}", "a b")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error")
			.value((error) -> assertThat(error.toString()).startsWith("Invalid session id 'a b'"));
	}

	@Test
	void aCorruptSavedFileIsABadRequestThatSaysWhy() throws Exception {
		Files.writeString(stateDirectory.resolve("plan_broken.json"), "{\"session_id\": \"broken\", \"runs\": [{");
		this.client.get()
			.uri("/railtracks/api/sessions/broken")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error")
			.value((error) -> assertThat(error.toString()).startsWith("Invalid JSON in plan_broken.json: "));
	}

	@Test
	void theActuatorEndpointLinksToTheVisualiser() {
		PlanResponse plan = DemoRequests.plan(this.client, "walk the Camino");
		this.client.get()
			.uri("/actuator/railtracks")
			.exchange()
			.expectBody()
			.jsonPath("$.visualiser")
			.isEqualTo("/railtracks/");
		this.client.get()
			.uri("/actuator/railtracks/{id}", plan.sessionId())
			.exchange()
			.expectBody()
			.jsonPath("$.visualiser")
			.isEqualTo("/railtracks/#session=" + plan.sessionId());
	}

}

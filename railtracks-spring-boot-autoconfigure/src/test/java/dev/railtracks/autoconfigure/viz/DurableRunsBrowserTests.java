package dev.railtracks.autoconfigure.viz;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.railtracks.autoconfigure.actuate.DurableTestApplication;
import dev.railtracks.durable.DurableFlow;
import dev.railtracks.testing.PostgresTestDatabase;
import dev.railtracks.viz.VizPage;

/**
 * The visualiser's durable runs view in headless Chromium: it lists an application's durable runs with their status,
 * and a click forks a run from the selected node, after which the list shows the new run, finished.
 */
class DurableRunsBrowserTests {

	private PostgresTestDatabase database;

	private ConfigurableApplicationContext application;

	@TempDir
	private Path directory;

	@BeforeEach
	void start() throws Exception {
		this.database = PostgresTestDatabase.create("durableviz");
		this.application = new SpringApplicationBuilder(DurableTestApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1", "railtracks.viz.enabled=true",
					"railtracks.viz.durable-operations=true",
					"railtracks.logging-setting=none", "durable.database.url=" + this.database.jdbcUrl(),
					"durable.database.user=" + this.database.user(),
					"durable.executions=" + this.directory.resolve("executions.txt"),
					"railtracks.state-directory=" + Files.createDirectory(this.directory.resolve("states")))
			.run();
	}

	@AfterEach
	void stop() {
		this.application.close();
		this.database.close();
	}

	@Test
	void theViewListsRunsAndAClickForksARunFromTheSelectedNode() throws Exception {
		@SuppressWarnings("unchecked")
		DurableFlow<String> steps = this.application.getBean(DurableFlow.class);
		steps.invoke("first");
		String port = this.application.getEnvironment().getProperty("local.server.port");

		try (VizPage page = VizPage.open("http://127.0.0.1:" + port + "/railtracks/")) {
			page.waitUntil((driver) -> "SUCCESS".equals(page.script(
					"const e = document.querySelector(\"#durable-runs li[data-run-id='first']\"); return e && e.dataset.status;")));
			page.script("document.querySelector(\"#durable-runs li[data-run-id='first']\").click();");
			page.waitForNodes(5);
			page.clickNode("step2");
			page.waitUntil((driver) -> page.script("return document.getElementById('detail-fork') !== null;")
				.equals(Boolean.TRUE));
			assertThat(page.script("return document.getElementById('detail-fork').textContent;"))
				.isEqualTo("Fork the run from this node (0.1)");

			page.script("document.getElementById('detail-fork').click();");

			// The list updates with the new run, which runs and finishes.
			page.waitUntil((driver) -> Boolean.TRUE.equals(page.script("return [...document.querySelectorAll("
					+ "'#durable-runs li')].some((e) => e.dataset.status === 'SUCCESS' && "
					+ "e.textContent.includes('forked from first'));")));
			assertThat(page.error()).isEmpty();
		}
		// The fork point (step2), the call it made, the root that encloses it and the later call ran again.
		assertThat(Files.readAllLines(this.directory.resolve("executions.txt"))).containsExactly("steps", "step1",
				"step2a", "step2", "step3", "steps", "step2a", "step2", "step3");
		HttpResponse<String> form = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/railtracks/api/durable/runs/first/fork"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("position=0"))
				.build(), HttpResponse.BodyHandlers.ofString());
		// A write that is not JSON (as a page of another site could send without asking) is refused.
		assertThat(form.statusCode()).isEqualTo(415);
		assertThat(form.body()).contains("take a JSON body");
	}

}

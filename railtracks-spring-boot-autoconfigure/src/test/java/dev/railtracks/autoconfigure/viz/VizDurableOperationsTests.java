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
import dev.railtracks.durable.DurableRunQuery;
import dev.railtracks.durable.Durability;
import dev.railtracks.testing.PostgresTestDatabase;

/**
 * The visualiser's writes on durable runs (cancel, resume, fork) are served only with
 * {@code railtracks.viz.durable-operations=true}; the list is served either way and says whether they are.
 */
class VizDurableOperationsTests {

	private final HttpClient http = HttpClient.newHttpClient();

	private PostgresTestDatabase database;

	private ConfigurableApplicationContext application;

	@TempDir
	private Path directory;

	@BeforeEach
	void createDatabase() {
		this.database = PostgresTestDatabase.create("vizdurableops");
	}

	@AfterEach
	void stop() {
		if (this.application != null) {
			this.application.close();
		}
		this.database.close();
	}

	@Test
	void withoutThePropertyTheWritesAreNotServedAndNothingIsForked() throws Exception {
		start();
		invokeFirst();
		HttpResponse<String> fork = post("first/fork", "{\"position\": \"0\"}");
		assertThat(fork.statusCode()).isEqualTo(404);
		assertThat(post("first/cancel", "{}").statusCode()).isEqualTo(404);
		assertThat(durability().runs().list(DurableRunQuery.all())).hasSize(1);
		HttpResponse<String> list = get("api/durable/runs");
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains("\"operations\":false");
	}

	@Test
	void withThePropertyAForkRunsAndAnEmptyBodyIsAnEmptyOperation() throws Exception {
		start("railtracks.viz.durable-operations=true");
		invokeFirst();
		HttpResponse<String> fork = post("first/fork", "{\"position\": \"0\"}");
		assertThat(fork.statusCode()).as(fork.body()).isEqualTo(200);
		assertThat(durability().runs().list(DurableRunQuery.all())).hasSize(2);
		assertThat(get("api/durable/runs").body()).contains("\"operations\":true");
		// No body at all: a resume of a finished run is refused for what it is, not for the missing body.
		HttpResponse<String> resume = post("first/resume", "");
		assertThat(resume.statusCode()).isEqualTo(400);
		assertThat(resume.body()).doesNotContain("JSON object").contains("first");
		HttpResponse<String> malformed = post("first/fork", "{position");
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(malformed.body()).contains("is not a JSON object");
	}

	private void start(String... properties) throws Exception {
		this.application = new SpringApplicationBuilder(DurableTestApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1", "railtracks.viz.enabled=true",
					"railtracks.logging-setting=none", "durable.database.url=" + this.database.jdbcUrl(),
					"durable.database.user=" + this.database.user(),
					"durable.executions=" + this.directory.resolve("executions.txt"),
					"railtracks.state-directory=" + Files.createDirectory(this.directory.resolve("states")))
			.properties(properties)
			.run();
	}

	@SuppressWarnings("unchecked")
	private void invokeFirst() {
		this.application.getBean(DurableFlow.class).invoke("first");
	}

	private Durability durability() {
		return this.application.getBean(Durability.class);
	}

	private HttpResponse<String> post(String run, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri("api/durable/runs/" + run))
			.header("Content-Type", "application/json")
			.POST(body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.application.getEnvironment().getProperty("local.server.port")
				+ "/railtracks/" + path);
	}

}

package dev.railtracks.autoconfigure.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

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
import org.springframework.context.annotation.Bean;

import dev.railtracks.FunctionNode;
import dev.railtracks.autoconfigure.SessionFactory;
import dev.railtracks.autoconfigure.actuate.DurableTestApplication;
import dev.railtracks.durable.Durability;
import dev.railtracks.durable.DurableFlow;
import dev.railtracks.testing.PostgresTestDatabase;

/**
 * A failed durable run's error and its steps' failures may quote values: the visualiser's durable list and the
 * {@code railtracksdurable} endpoint mask their messages (the exception class kept) unless values are shown.
 */
class DurableFailureMaskingTests {

	private static final String SECRET = "card 4242 declined";

	private final HttpClient http = HttpClient.newHttpClient();

	private PostgresTestDatabase database;

	private ConfigurableApplicationContext application;

	@TempDir
	private Path directory;

	@BeforeEach
	void createDatabase() {
		this.database = PostgresTestDatabase.create("durablemasking");
	}

	@AfterEach
	void stop() {
		if (this.application != null) {
			this.application.close();
		}
		this.database.close();
	}

	@Test
	void failuresAreMaskedByDefault() throws Exception {
		start();
		String list = get("railtracks/api/durable/runs");
		assertThat(list).contains("******").doesNotContain(SECRET);
		String runs = get("actuator/railtracksdurable");
		assertThat(runs).contains("******").doesNotContain(SECRET);
		String run = get("actuator/railtracksdurable/bad");
		assertThat(run).contains("******").doesNotContain(SECRET);
	}

	@Test
	void failuresAreShownWhereValuesAre() throws Exception {
		start("railtracks.endpoint.show-values=always");
		assertThat(get("railtracks/api/durable/runs")).contains(SECRET);
		assertThat(get("actuator/railtracksdurable")).contains(SECRET);
		assertThat(get("actuator/railtracksdurable/bad")).contains(SECRET);
	}

	private void start(String... properties) throws Exception {
		this.application = new SpringApplicationBuilder(DurableTestApplication.class, FailingFlow.class)
			.properties("server.port=0", "server.address=127.0.0.1", "railtracks.viz.enabled=true",
					"management.endpoints.web.exposure.include=railtracksdurable", "railtracks.logging-setting=none",
					"durable.database.url=" + this.database.jdbcUrl(), "durable.database.user=" + this.database.user(),
					"durable.executions=" + this.directory.resolve("executions.txt"),
					"railtracks.state-directory=" + Files.createDirectory(this.directory.resolve("states")))
			.properties(properties)
			.run();
		DurableFlow<?> failing = this.application.getBean("failing", DurableFlow.class);
		assertThatException().isThrownBy(() -> failing.invoke("bad"));
	}

	private String get(String path) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
				+ this.application.getEnvironment().getProperty("local.server.port") + "/" + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	/** A durable flow whose one call fails with a message that quotes a value. */
	static class FailingFlow {

		@Bean
		DurableFlow<String> failing(Durability durability, SessionFactory sessions) {
			FunctionNode<String> fail = FunctionNode.of("fail", () -> {
				throw new IllegalStateException(SECRET);
			});
			return durability.register(sessions.flow("failing", fail).build());
		}

	}

}

package dev.railtracks.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.railtracks.autoconfigure.observation.DurableRecoveryMeter;
import dev.railtracks.durable.DurableCrashProbe;
import dev.railtracks.durable.DurableFlow;
import dev.railtracks.testing.PostgresTestDatabase;

/**
 * The {@code railtracksdurable} actuator endpoint over HTTP, on a real PostgreSQL database: an application whose
 * executor id is {@code rescuer} recovers, through the endpoint, the run a JVM of executor id {@code gone} was running
 * when it was killed ({@code kill -9}), and lists, cancels, resumes and forks runs.
 */
class RailtracksDurableEndpointTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private PostgresTestDatabase database;

	private ConfigurableApplicationContext application;

	@TempDir
	private Path directory;

	private Path executions;

	private Path states;

	@BeforeEach
	void createDatabase() throws Exception {
		this.database = PostgresTestDatabase.create("durableendpoint");
		this.executions = this.directory.resolve("executions.txt");
		this.states = Files.createDirectory(this.directory.resolve("states"));
	}

	@AfterEach
	void stopApplicationAndDropDatabase() {
		if (this.application != null) {
			this.application.close();
		}
		this.database.close();
	}

	@Test
	void anotherExecutorRecoversTheRunOfAKilledJvmThroughTheEndpoint() throws Exception {
		Process gone = probe("gone", "block");
		try {
			await().atMost(Duration.ofSeconds(120))
				.until(() -> Files.exists(this.executions) && Files.readAllLines(this.executions).contains("step3"));
		}
		finally {
			gone.destroyForcibly();
			gone.waitFor(30, TimeUnit.SECONDS);
		}
		this.application = start("management.endpoint.railtracksdurable.access=unrestricted");
		JsonNode pending = get("/actuator/railtracksdurable?status=PENDING", 200).path("runs");
		assertThat(pending).singleElement().satisfies((run) -> {
			assertThat(run.path("id").asString()).isEqualTo(DurableCrashProbe.KEY);
			assertThat(run.path("executorId").asString()).isEqualTo("gone");
			assertThat(run.path("flow").asString()).isEqualTo("steps");
			assertThat(run.path("steps").asInt()).isEqualTo(3); // step1, step2a and step2 completed
		});

		JsonNode recovered = post("/actuator/railtracksdurable", "{\"executorId\":\"gone\"}", 200);

		assertThat(recovered.path("runs").valueStream().map(JsonNode::asString)).containsExactly(DurableCrashProbe.KEY);
		@SuppressWarnings("unchecked")
		DurableFlow<String> steps = this.application.getBean(DurableFlow.class);
		assertThat(steps.result(DurableCrashProbe.KEY)).isEqualTo("one,two+two-a,three");
		// The root and the call under way at the kill ran again; the completed calls did not.
		assertThat(Files.readAllLines(this.executions)).containsExactly("steps", "step1", "step2a", "step2", "step3",
				"steps", "step3");
		JsonNode run = get("/actuator/railtracksdurable/" + DurableCrashProbe.KEY, 200);
		assertThat(run.path("run").path("status").asString()).isEqualTo("SUCCESS");
		assertThat(run.path("run").path("executorId").asString()).isEqualTo("rescuer");
		assertThat(run.path("steps").valueStream().map((step) -> step.path("position").asString()))
			.containsExactlyInAnyOrder("0", "0.0", "0.1", "0.1.0", "0.2");
		Path saved = this.states.resolve("steps_" + DurableCrashProbe.KEY + ".json");
		await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(saved));
		List<String> nodes = new ArrayList<>();
		for (JsonNode session : JSON.readTree(Files.readString(saved)).path("runs")) {
			session.path("nodes").forEach((node) -> nodes.add(node.path("name").asString()));
		}
		assertThat(nodes).containsExactlyInAnyOrder("steps", "step1", "step2a", "step2", "step3");
	}

	@Test
	void runsAreForkedFromACallAndBadRequestsNameTheRunAndWhatIsWrong() throws Exception {
		this.application = start("management.endpoint.railtracksdurable.access=unrestricted");
		@SuppressWarnings("unchecked")
		DurableFlow<String> steps = this.application.getBean(DurableFlow.class);
		steps.invoke("first");

		JsonNode forked = post("/actuator/railtracksdurable/first/fork", "{\"position\":\"0.1.0\",\"newRunId\":\"again\"}",
				200);

		assertThat(forked.path("runs").get(0).asString()).isEqualTo("again");
		assertThat(steps.result("again")).isEqualTo("one,two+two-a,three");
		// step1 is replayed; step2a (the fork point), step2 and the root that enclose it, and step3 run again.
		assertThat(Files.readAllLines(this.executions)).containsExactly("steps", "step1", "step2a", "step2", "step3",
				"steps", "step2a", "step2", "step3");
		assertThat(get("/actuator/railtracksdurable?flow=steps&limit=1", 200).path("runs").get(0).path("forkedFrom")
			.asString()).isEqualTo("first");
		assertThat(post("/actuator/railtracksdurable/first/fork", "{\"position\":\"0.7\"}", 400).toString())
			.contains("Durable run 'first' has no call at position '0.7'");
		assertThat(post("/actuator/railtracksdurable/first/resume", "{}", 400).toString())
			.contains("Durable run 'first' has finished (SUCCESS)");
		assertThat(post("/actuator/railtracksdurable/nobody/cancel", "{}", 400).toString())
			.contains("No durable flow has a run with id 'nobody'");
		assertThat(post("/actuator/railtracksdurable/first/rewind", "{}", 400).toString())
			.contains("Unknown operation 'rewind'");
		assertThat(get("/actuator/railtracksdurable?status=LOST", 400).toString())
			.contains("Unknown durable run status 'LOST'");
		assertThat(this.http.send(request("/actuator/railtracksdurable/nobody").GET().build(),
				HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
	}

	@Test
	void theWriteOperationsAreOffUnlessTheEndpointsAccessIsUnrestricted() throws Exception {
		this.application = start();
		@SuppressWarnings("unchecked")
		DurableFlow<String> steps = this.application.getBean(DurableFlow.class);
		steps.invoke("first");

		assertThat(get("/actuator/railtracksdurable", 200).path("runs").get(0).path("id").asString()).isEqualTo("first");
		HttpResponse<String> fork = this.http.send(request("/actuator/railtracksdurable/first/fork")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"position\":\"0\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(fork.statusCode()).isIn(404, 405);
		assertThat(Files.readAllLines(this.executions)).containsOnlyOnce("steps");
	}

	@Test
	void aRunExecutingAgainSaysItIsRecoveredInItsEventsMetricsAndRecord() throws Exception {
		this.application = start("management.endpoint.railtracksdurable.access=unrestricted");
		@SuppressWarnings("unchecked")
		DurableFlow<String> steps = this.application.getBean(DurableFlow.class);
		DurableTestApplication.RecordedEvents events = this.application.getBean(DurableTestApplication.RecordedEvents.class);
		steps.invoke("first");

		post("/actuator/railtracksdurable/first/fork", "{\"position\":\"0.2\",\"newRunId\":\"again\"}", 200);
		steps.result("again");

		await().atMost(Duration.ofSeconds(10)).until(() -> events.closed.containsKey("again"));
		assertThat(events.started).containsEntry("first", false).containsEntry("again", true);
		assertThat(events.closed).containsEntry("first", false).containsEntry("again", true);
		MeterRegistry meters = this.application.getBean(MeterRegistry.class);
		assertThat(meters.get(DurableRecoveryMeter.RECOVERED).tag("flow", "steps").counter().count()).isEqualTo(1.0);
		Path saved = this.states.resolve("steps_again.json");
		await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(saved));
		JsonNode root = JSON.readTree(Files.readString(saved)).path("runs").get(0).path("nodes").valueStream()
			.filter((node) -> node.path("name").asString().equals("steps"))
			.findFirst()
			.orElseThrow();
		assertThat(root.path("details").path("internals").path("recovered").asBoolean()).isTrue();
	}

	/** Starts {@link DurableCrashProbe} in a JVM of its own, with this JVM's class path. */
	private Process probe(String executorId, String mode) throws Exception {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path")));
		String logback = System.getProperty("logback.configurationFile");
		if (logback != null) {
			command.add("-Dlogback.configurationFile=" + logback);
		}
		command.addAll(List.of(DurableCrashProbe.class.getName(), this.database.jdbcUrl(), this.database.user(),
				executorId, this.executions.toString(), this.states.toString(), mode));
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.directory.resolve(executorId + ".log").toFile())
			.start();
	}

	private ConfigurableApplicationContext start(String... properties) {
		List<String> all = new ArrayList<>(List.of("server.port=0", "server.address=127.0.0.1",
				"management.endpoints.web.exposure.include=railtracksdurable", "railtracks.logging-setting=none",
				"durable.database.url=" + this.database.jdbcUrl(), "durable.database.user=" + this.database.user(),
				"durable.executions=" + this.executions, "railtracks.state-directory=" + this.states));
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(DurableTestApplication.class).properties(all.toArray(String[]::new)).run();
	}

	private JsonNode get(String path, int status) throws Exception {
		return send(request(path).GET().build(), status);
	}

	private JsonNode post(String path, String body, int status) throws Exception {
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), status);
	}

	private HttpRequest.Builder request(String path) {
		String port = this.application.getEnvironment().getProperty("local.server.port");
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
	}

	private JsonNode send(HttpRequest request, int status) throws Exception {
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(request.uri() + ": " + response.body()).isEqualTo(status);
		return JSON.readTree(response.body());
	}

}

package dev.railtracks.samples.springweb;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.railtracks.testing.PostgresTestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code durable} profile, as {@code durable-demo.sh} runs it: a JVM of the demo starts a durable trip plan and is
 * killed ({@code kill -9}) while its scripted model holds round 2; a second JVM with the same executor id finishes the
 * plan, calling the model for rounds 2 and 3 only, and the run's record marks the tool calls replayed from their
 * checkpoints.
 */
class DurableDemoTests {

	private static final Pattern PORT = Pattern.compile("started on port (\\d+)");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final List<Process> demos = new ArrayList<>();

	@AfterEach
	void stopDemos() throws InterruptedException {
		for (Process demo : this.demos) {
			demo.destroyForcibly();
			demo.waitFor(30, TimeUnit.SECONDS);
		}
	}

	@Test
	void aTripPlanKilledMidRunFinishesInTheNextJvmWithoutPayingAgainForItsModelRounds(@TempDir Path directory)
			throws Exception {
		try (PostgresTestDatabase database = PostgresTestDatabase.create("durabledemo")) {
			Path firstLog = directory.resolve("first.log");
			Process first = start(database, directory, firstLog, "--trip-planner.hold-round=2");
			int firstPort = port(first, firstLog);
			assertThat(send("POST", firstPort, "/durable/plans/trip-7?goal=visit%20Lisbon", 202)).isEqualTo("trip-7");
			await().atMost(Duration.ofSeconds(120))
				.untilAsserted(() -> assertThat(Files.readString(firstLog)).contains("The scripted model holds round 2"));
			first.destroyForcibly();
			assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();

			Path secondLog = directory.resolve("second.log");
			Process second = start(database, directory, secondLog);
			int secondPort = port(second, secondLog);
			JsonNode result = JsonMapper.shared().readTree(send("GET", secondPort, "/durable/plans/trip-7", 200));

			assertThat(result.path("plan").asString()).isEqualTo("Plan for visit Lisbon: 1. Weather: "
					+ TripTools.forecast("Lisbon") + ". 2. Budget for 3 days: " + TripTools.price("Lisbon", 3, "EUR")
					+ ". 3. Pack " + new TripTools().packing(TripTools.forecast("Lisbon")) + ".");
			// Round 1 was replayed from its checkpoint: this JVM called the model for rounds 2 and 3 only.
			assertThat(result.path("modelCalls").asInt()).isEqualTo(2);
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(replayed(secondPort, "trip-7"))
				.containsExactlyInAnyOrderEntriesOf(Map.of("trip_planner", false, "weather", true, "budget", true,
						"packing", false)));
		}
	}

	/** The record's nodes, each with whether it was replayed from its checkpoint. */
	private Map<String, Boolean> replayed(int port, String key) throws Exception {
		JsonNode graph = JsonMapper.shared().readTree(send("GET", port, "/actuator/railtracks/" + key, 200))
			.path("graph");
		// A recently closed session's graph lists its nodes; a saved document, its runs' nodes.
		List<JsonNode> vertices = new ArrayList<>(graph.path("nodes").valueStream().toList());
		graph.path("runs").forEach((run) -> run.path("nodes").forEach(vertices::add));
		Map<String, Boolean> nodes = new LinkedHashMap<>();
		for (JsonNode node : vertices) {
			nodes.put(node.path("name").asString(),
					node.path("details").path("internals").path("replayed").asBoolean(false));
		}
		return nodes;
	}

	/** Starts the demo in a JVM of its own with the durable profile on a test database, on an ephemeral port. */
	private Process start(PostgresTestDatabase database, Path directory, Path log, String... arguments)
			throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), SpringWebApplication.class.getName(),
				"--spring.profiles.active=durable", "--server.port=0", "--server.address=127.0.0.1",
				"--spring.datasource.url=" + database.jdbcUrl(), "--spring.datasource.username=" + database.user(),
				"--railtracks.state-directory=" + directory.resolve("sessions")));
		command.addAll(List.of(arguments));
		Process demo = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		this.demos.add(demo);
		return demo;
	}

	/** The port the demo's web server took, from its log. */
	private static int port(Process demo, Path log) {
		return await().atMost(Duration.ofSeconds(120)).until(() -> {
			assertThat(demo.isAlive()).as("the demo is running; its log: %s", log).isTrue();
			Matcher port = PORT.matcher(Files.readString(log));
			return port.find() ? Integer.parseInt(port.group(1)) : null;
		}, (found) -> found != null);
	}

	private String send(String method, int port, String path, int status) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(60))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
		return response.body();
	}

}

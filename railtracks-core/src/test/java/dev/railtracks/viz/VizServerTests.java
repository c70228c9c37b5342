package dev.railtracks.viz;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link VizServer} over HTTP, against real saved sessions. // #9
 */
class VizServerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

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
	void servesTheUiOnTheLoopbackAddressOnly() throws Exception {
		assertThat(this.server.url()).startsWith("http://127.0.0.1:");
		HttpResponse<String> index = get("/");
		assertThat(index.statusCode()).isEqualTo(200);
		assertThat(index.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
		assertThat(index.body()).contains("<script src=\"app.js\"></script>");
		assertThat(get("/app.js").headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
		assertThat(get("/app.css").statusCode()).isEqualTo(200);
		assertThat(get("/missing.js").statusCode()).isEqualTo(404);
	}

	@Test
	void listsSessionsInTheOriginalsShape() throws Exception {
		SavedSessions.plan(this.directory, "trip-1");
		SavedSessions.copyAgentSession(this.directory);
		HttpResponse<String> response = get("/api/sessions");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
		JsonNode sessions = JSON.readTree(response.body());
		assertThat(sessions.size()).isEqualTo(2);
		JsonNode trip = sessions.get(0);
		assertThat(trip.path("session_id").asString()).isEqualTo("trip-1");
		assertThat(trip.path("session_name").asString()).isEqualTo("trip");
		assertThat(trip.path("start_time").isNumber()).isTrue();
		assertThat(trip.path("runs").get(0).path("name").asString()).isEqualTo("plan");
		assertThat(trip.path("node_count").asInt()).isEqualTo(6);
		assertThat(trip.path("source").asString()).isEqualTo("saved");
		assertThat(trip.has("error")).isFalse();
	}

	@Test
	void servesOneSessionFileWithItsValuesAndWhereItComesFrom() throws Exception {
		Path file = SavedSessions.plan(this.directory, "trip-2");
		HttpResponse<String> response = get("/api/sessions/trip-2");
		assertThat(response.statusCode()).isEqualTo(200);
		ObjectNode expected = (ObjectNode) JSON.readTree(file.toFile());
		expected.put("values_shown", true).put("source", "saved");
		assertThat(JSON.readTree(response.body())).isEqualTo(expected);
	}

	@Test
	void anEmptyOrAbsentDirectoryListsNothing() throws Exception {
		assertThat(get("/api/sessions").body()).isEqualTo("[]");
		try (VizServer absent = VizServer.start(this.directory.resolve("not/yet"), 0)) {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(URI.create(absent.url() + "api/sessions")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.body()).isEqualTo("[]");
		}
	}

	@Test
	void anUnknownSessionIsNotFound() throws Exception {
		HttpResponse<String> response = get("/api/sessions/nope");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(error(response)).startsWith("Session not found: no saved session 'nope' in ");
		assertThat(get("/api/other").statusCode()).isEqualTo(404);
	}

	@Test
	void pathsInTheIdAreRefused() throws Exception {
		Files.writeString(this.directory.getParent().resolve("secret.json"), "{\"session_id\": \"secret\"}");
		for (String unsafe : new String[] { "..%2F..%2Fetc%2Fpasswd", "..%2Fsecret", "%2E%2E", "a%20b" }) {
			HttpResponse<String> response = get("/api/sessions/" + unsafe);
			assertThat(response.statusCode()).as(unsafe).isEqualTo(400);
			assertThat(error(response)).as(unsafe).startsWith("Invalid session id '");
		}
		// Segments of a path after the id never reach a file either.
		assertThat(get("/api/sessions/../../../etc/passwd").statusCode()).isIn(400, 404);
		assertThat(get("/..%2F..%2Fetc%2Fpasswd").statusCode()).isEqualTo(404);
	}

	@Test
	void aCorruptFileIsABadRequestThatSaysWhy() throws Exception {
		Files.writeString(this.directory.resolve("trip_half.json"), "{\"session_id\": \"half\", \"runs\": [{\"nodes\": [");
		HttpResponse<String> response = get("/api/sessions/half");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(error(response)).startsWith("Invalid JSON in trip_half.json: ").contains("end-of-input");
		JsonNode listed = JSON.readTree(get("/api/sessions").body()).get(0);
		assertThat(listed.path("error").asString()).startsWith("trip_half.json: Invalid JSON: ");
	}

	@Test
	void anEmptyFileIsABadRequestThatSaysWhy() throws Exception {
		Files.writeString(this.directory.resolve("trip_empty.json"), "");
		HttpResponse<String> response = get("/api/sessions/empty");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
		assertThat(error(response)).isEqualTo("Invalid JSON in trip_empty.json: the file is empty");
		JsonNode listed = JSON.readTree(get("/api/sessions").body()).get(0);
		assertThat(listed.path("error").asString()).isEqualTo("trip_empty.json: Invalid JSON: the file is empty");
	}

	@Test
	void isReadOnly() throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create(this.server.url() + "api/sessions"))
					.POST(HttpRequest.BodyPublishers.ofString("{}"))
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(response.headers().firstValue("Allow")).contains("GET, HEAD");
	}

	@Test
	void aPortInUseIsReportedWithWhatToDo() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
			assertThatIllegalStateException().isThrownBy(() -> VizServer.start(this.directory, taken.getLocalPort()))
				.withMessageStartingWith("Port " + taken.getLocalPort() + " on 127.0.0.1 is already in use")
				.withMessageEndingWith("choose another port with --port");
			Output output = new Output();
			assertThat(VizServer.run(new String[] { "--port", String.valueOf(taken.getLocalPort()) }, output.out,
					output.err))
				.isEqualTo(1);
			assertThat(output.err()).contains("is already in use");
		}
	}

	@Test
	void theCommandLineSaysWhatIsWrongWithIt() throws Exception {
		Output output = new Output();
		assertThat(VizServer.run(new String[] { "--port", "web" }, output.out, output.err)).isEqualTo(2);
		assertThat(output.err()).contains("--port needs a number between 0 and 65535 but was 'web'").contains("Usage:");
		assertThat(VizServer.run(new String[] { "--verbose" }, output.out, output.err)).isEqualTo(2);
		assertThat(output.err()).contains("Unknown option --verbose");
		Path file = Files.writeString(this.directory.resolve("file.json"), "{}");
		assertThat(VizServer.run(new String[] { file.toString() }, output.out, output.err)).isEqualTo(2);
		assertThat(output.err()).contains("is a file; give the directory that holds saved session files");
		assertThat(VizServer.run(new String[] { "--port=70000" }, output.out, output.err)).isEqualTo(1);
		assertThat(output.err()).contains("port must be between 0 and 65535 but was 70000");
		assertThat(VizServer.run(new String[] { "--help" }, output.out, output.err)).isZero();
		assertThat(output.out()).contains("Usage: VizServer [--port N] [directory]");
	}

	private HttpResponse<String> get(String path) throws Exception {
		URI uri = URI.create("http://127.0.0.1:" + this.server.port() + path);
		return this.http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static String error(HttpResponse<String> response) {
		return JSON.readTree(response.body()).path("error").asString();
	}

	private static final class Output {

		private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();

		private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

		final PrintStream out = new PrintStream(this.outBytes, true, StandardCharsets.UTF_8);

		final PrintStream err = new PrintStream(this.errBytes, true, StandardCharsets.UTF_8);

		String out() {
			return this.outBytes.toString(StandardCharsets.UTF_8);
		}

		String err() {
			return this.errBytes.toString(StandardCharsets.UTF_8);
		}

	}

}

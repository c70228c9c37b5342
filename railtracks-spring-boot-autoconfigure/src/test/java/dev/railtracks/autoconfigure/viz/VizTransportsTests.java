package dev.railtracks.autoconfigure.viz;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.Flow;
import dev.railtracks.FunctionNode;
import dev.railtracks.LoggingSetting;
import dev.railtracks.viz.GraphValues;
import dev.railtracks.viz.VizServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The visualiser's API over both transports, the command-line {@link VizServer} and the Spring Boot routes, on the same
 * directory of saved sessions: every case answers alike, byte for byte where the transports agree on values (the
 * command line shows them; Spring shows them to a signed-in user here and masks them for anyone else). // #16
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railtracks.viz.enabled=true", "railtracks.viz.show-values=when-authorized" })
class VizTransportsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final FunctionNode<String> GREET = FunctionNode.of("greet", (String name) -> "hello " + name);

	@TempDir
	static Path stateDirectory;

	private static VizServer commandLine;

	private static String sessionId;

	@LocalServerPort
	private int port;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@DynamicPropertySource
	static void railtracksProperties(DynamicPropertyRegistry registry) {
		registry.add("railtracks.state-directory", stateDirectory::toString);
	}

	@BeforeAll
	static void saveSessionsAndStartTheCommandLineServer() throws Exception {
		Flow<String> greeter = Flow.builder("greeter", GREET)
			.config(ExecutorConfig.builder().stateDirectory(stateDirectory).loggingSetting(LoggingSetting.NONE).build())
			.build();
		sessionId = greeter.run("Ada Lovelace").sessionId();
		Files.writeString(stateDirectory.resolve("greeter_empty.json"), "");
		Files.writeString(stateDirectory.resolve("greeter_half.json"), "{\"session_id\": \"half\", \"runs\": [");
		commandLine = VizServer.start(stateDirectory, 0);
	}

	@AfterAll
	static void stopTheCommandLineServer() {
		commandLine.close();
	}

	@Test
	void listsTheSameSessionsWithTheirFlow() throws Exception {
		for (Transport transport : transports()) {
			HttpResponse<String> response = transport.get("api/sessions", null);
			assertThat(response.statusCode()).as(transport.name).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type")).as(transport.name).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("application/json"));
			JsonNode session = JSON.readTree(response.body()).get(0);
			assertThat(session.path("session_id").asString()).as(transport.name).isEqualTo(sessionId);
			assertThat(session.path("flow_name").asString()).as(transport.name).isEqualTo("greeter");
			assertThat(session.path("source").asString()).as(transport.name).isEqualTo("saved");
		}
		assertSameAnswer("api/sessions");
	}

	@Test
	void describesOneSessionAlikeWithValuesShown() throws Exception {
		for (Transport transport : transports()) {
			HttpResponse<String> response = transport.get("api/sessions/" + sessionId, "ops");
			assertThat(response.statusCode()).as(transport.name).isEqualTo(200);
			JsonNode document = JSON.readTree(response.body());
			assertThat(document.path("values_shown").asBoolean()).as(transport.name).isTrue();
			assertThat(document.path("flow_name").asString()).as(transport.name).isEqualTo("greeter");
			assertThat(response.body()).as(transport.name).contains("hello Ada Lovelace");
		}
		assertSameAnswer("api/sessions/" + sessionId);
	}

	@Test
	void springMasksValuesForAnyoneNotAuthorized() throws Exception {
		HttpResponse<String> masked = spring().get("api/sessions/" + sessionId, null);
		assertThat(masked.statusCode()).isEqualTo(200);
		assertThat(masked.body()).contains("\"values_shown\":false", "\"output\":\"" + GraphValues.MASK + "\"")
			.doesNotContain("Ada Lovelace");
	}

	@Test
	void refusesAnIdThatIsNotASessionIdAlike() throws Exception {
		for (String id : List.of("a%20b", "-dash", ".hidden")) {
			for (Transport transport : transports()) {
				HttpResponse<String> response = transport.get("api/sessions/" + id, "ops");
				assertThat(response.statusCode()).as(transport.name + " " + id).isEqualTo(400);
				assertThat(error(response)).as(transport.name).startsWith("Invalid session id '");
			}
			assertSameAnswer("api/sessions/" + id);
		}
	}

	@Test
	void anUnknownIdIsNotFound() throws Exception {
		for (Transport transport : transports()) {
			HttpResponse<String> response = transport.get("api/sessions/nope", "ops");
			assertThat(response.statusCode()).as(transport.name).isEqualTo(404);
			// The command line has no running sessions to name, so the texts differ after this.
			assertThat(error(response)).as(transport.name).startsWith("Session not found: ").contains("'nope'");
		}
	}

	@Test
	void anEmptyOrInvalidFileIsABadRequestAlike() throws Exception {
		for (Transport transport : transports()) {
			HttpResponse<String> empty = transport.get("api/sessions/empty", "ops");
			assertThat(empty.statusCode()).as(transport.name).isEqualTo(400);
			assertThat(error(empty)).isEqualTo("Invalid JSON in greeter_empty.json: the file is empty");
			HttpResponse<String> half = transport.get("api/sessions/half", "ops");
			assertThat(half.statusCode()).as(transport.name).isEqualTo(400);
			assertThat(error(half)).startsWith("Invalid JSON in greeter_half.json: ").contains("end-of-input");
		}
		assertSameAnswer("api/sessions/empty");
		assertSameAnswer("api/sessions/half");
	}

	private void assertSameAnswer(String path) throws Exception {
		HttpResponse<String> cli = commandLine().get(path, "ops");
		HttpResponse<String> boot = spring().get(path, "ops");
		assertThat(boot.statusCode()).as(path).isEqualTo(cli.statusCode());
		assertThat(boot.body()).as(path).isEqualTo(cli.body());
	}

	private List<Transport> transports() {
		return List.of(commandLine(), spring());
	}

	private Transport commandLine() {
		return new Transport("command line", commandLine.url());
	}

	private Transport spring() {
		return new Transport("Spring", "http://127.0.0.1:" + this.port + "/railtracks/");
	}

	private static String error(HttpResponse<String> response) {
		return JSON.readTree(response.body()).path("error").asString();
	}

	/** A server of the visualiser at a base address ending with '/'. */
	private final class Transport {

		final String name;

		private final String base;

		Transport(String name, String base) {
			this.name = name;
			this.base = base;
		}

		HttpResponse<String> get(String path, @Nullable String user) throws Exception {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
				.timeout(Duration.ofSeconds(10));
			if (user != null) {
				String credentials = user + ":secret";
				request.header("Authorization",
						"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
			}
			return VizTransportsTests.this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class VisualiserApplication {

		/** Anyone may read; a signed-in user is who sees values. */
		@Bean
		SecurityFilterChain security(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
				.httpBasic(Customizer.withDefaults());
			return http.build();
		}

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(User.withUsername("ops").password("{noop}secret").roles("OPS").build());
		}

	}

}

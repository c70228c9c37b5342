package dev.railtracks.autoconfigure.store;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import dev.railtracks.FunctionNode;
import dev.railtracks.Session;
import dev.railtracks.autoconfigure.SessionFactory;
import dev.railtracks.store.SessionWriter;
import dev.railtracks.testing.PostgresTestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Fleet-wide history: two application instances (two Spring contexts on ephemeral ports) saving to one PostgreSQL
 * database with {@code railtracks.store.type=jdbc}; instance A's visualiser API and {@code railtracks} actuator
 * endpoint list and open instance B's sessions, retention applies by SQL, and startup fails clearly without a
 * database.
 */
class FleetHistoryTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final FunctionNode<String> GREET = FunctionNode.of("greet", (String name) -> "hello " + name);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	private PostgresTestDatabase database;

	@BeforeEach
	void createDatabase() {
		this.database = PostgresTestDatabase.create("fleet");
	}

	@AfterEach
	void stopInstancesAndDropDatabase() {
		this.instances.forEach(ConfigurableApplicationContext::close);
		this.database.close();
	}

	@Test
	void instanceAListsAndOpensTheSessionsInstanceBRan() throws Exception {
		ConfigurableApplicationContext a = start();
		ConfigurableApplicationContext b = start();
		List<String> ranOnB = run(b, "Ada", "Grace");
		b.getBean(SessionWriter.class).flush();

		JsonNode listed = get(a, "/railtracks/api/sessions", 200);
		for (String sessionId : ranOnB) {
			assertThat(listed.valueStream().filter((session) -> sessionId.equals(session.path("session_id").asString())))
				.singleElement()
				.satisfies((session) -> {
					assertThat(session.path("source").asString()).isEqualTo("saved");
					assertThat(session.path("node_count").asInt()).isEqualTo(1);
				});
			JsonNode document = get(a, "/railtracks/api/sessions/" + sessionId, 200);
			assertThat(document.path("session_id").asString()).isEqualTo(sessionId);
			assertThat(document.path("source").asString()).isEqualTo("saved");
			assertThat(document.path("runs").get(0).path("name").asString()).isEqualTo("greet");
		}

		JsonNode endpoint = get(a, "/actuator/railtracks", 200);
		assertThat(endpoint.path("active").isEmpty()).isTrue();
		assertThat(endpoint.path("recent").isEmpty()).isTrue();
		assertThat(endpoint.path("saved").valueStream().map((session) -> session.path("id").asString()))
			.containsAll(ranOnB);
		JsonNode graph = get(a, "/actuator/railtracks/" + ranOnB.get(0), 200);
		assertThat(graph.path("session").path("id").asString()).isEqualTo(ranOnB.get(0));
		assertThat(graph.path("session").path("active").asBoolean()).isFalse();
		assertThat(graph.path("graph").path("session_id").asString()).isEqualTo(ranOnB.get(0));
		// Values stay masked, as for the instance's own sessions (railtracks.endpoint.show-values defaults to never).
		assertThat(graph.path("graph").toString()).doesNotContain("hello Ada").contains("******");

		JsonNode health = get(a, "/actuator/health", 200);
		assertThat(health.path("components").path("railtracksStore").path("status").asString()).isEqualTo("UP");
		assertThat(health.path("components").path("railtracksStore").path("details").path("store").asString())
			.startsWith("table railtracks_session in jdbc:postgresql://");
	}

	@Test
	void anUnsafeIdIsABadRequestAndTouchesNothing() throws Exception {
		ConfigurableApplicationContext a = start();
		String unsafe = URLEncoder.encode("x' OR '1'='1", StandardCharsets.UTF_8).replace("+", "%20");
		assertThat(get(a, "/railtracks/api/sessions/" + unsafe, 400).path("error").asString())
			.startsWith("Invalid session id 'x' OR '1'='1'");
		get(a, "/actuator/railtracks/" + unsafe, 400);
	}

	@Test
	void whatAnInstanceQueuedIsSavedBeforeItsDatabasePoolCloses() throws Exception {
		ConfigurableApplicationContext a = start();
		ConfigurableApplicationContext b = start();
		List<String> ranOnB = run(b, "one", "two", "three");
		// No flush: closing the context closes the writer, which saves what is queued, before the DataSource closes.
		b.close();
		JsonNode listed = get(a, "/railtracks/api/sessions", 200);
		assertThat(listed.valueStream().map((session) -> session.path("session_id").asString())).containsAll(ranOnB);
	}

	@Test
	void retentionAppliesToTheTableBySql() throws Exception {
		ConfigurableApplicationContext a = start("railtracks.state-retention.max-files=3",
				"railtracks.state-retention.check-interval=1s");
		ConfigurableApplicationContext b = start("railtracks.state-retention.enabled=false");
		run(b, "1", "2", "3", "4", "5", "6", "7", "8");
		b.getBean(SessionWriter.class).flush();
		JdbcSessionStore store = a.getBean(JdbcSessionStore.class);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(store.list(100)).hasSize(3));
	}

	@Test
	void jdbcWithoutADataSourceFailsStartupNamingTheProperty() {
		assertThatExceptionOfType(BeanCreationException.class)
			.isThrownBy(() -> new SpringApplicationBuilder(WithoutDatabase.class)
				.properties("railtracks.store.type=jdbc", "spring.main.web-application-type=none")
				.run())
			.havingRootCause()
			.withMessageStartingWith("railtracks.store.type=jdbc needs one DataSource bean, and there is none")
			.withMessageContaining("railtracks.store.type=file");
	}

	@Test
	void anUnreachableDatabaseFailsStartupNamingTheStore() {
		assertThatExceptionOfType(BeanCreationException.class)
			.isThrownBy(() -> start("fleet.database.url=jdbc:postgresql://127.0.0.1:1/nowhere?user=postgres"))
			.withStackTraceContaining("railtracks.store.type=jdbc: cannot create or check the session table "
					+ "railtracks_session (Connection to 127.0.0.1:1 refused");
	}

	private ConfigurableApplicationContext start(String... properties) {
		List<String> all = new ArrayList<>(List.of("railtracks.store.type=jdbc", "railtracks.viz.enabled=true",
				"server.port=0", "server.address=127.0.0.1", "management.endpoints.web.exposure.include=railtracks,health",
				"management.endpoint.health.show-details=always", "railtracks.logging-setting=none",
				"fleet.database.url=" + this.database.url()));
		all.addAll(List.of(properties));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(FleetApplication.class)
			.properties(all.toArray(String[]::new))
			.run();
		this.instances.add(context);
		return context;
	}

	private static List<String> run(ConfigurableApplicationContext instance, String... names) {
		List<String> ids = new ArrayList<>();
		SessionFactory sessions = instance.getBean(SessionFactory.class);
		for (String name : names) {
			try (Session session = sessions.create()) {
				session.runSync(GREET, name);
				ids.add(session.identifier());
			}
		}
		return ids;
	}

	private JsonNode get(ConfigurableApplicationContext instance, String path, int status) throws Exception {
		String port = instance.getEnvironment().getProperty("local.server.port");
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
		return JSON.readTree(response.body());
	}

	/** An application instance whose DataSource is the test database; closed with the context. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class FleetApplication {

		@Bean
		HikariDataSource dataSource(Environment environment) {
			HikariDataSource pool = new HikariDataSource();
			pool.setJdbcUrl(environment.getRequiredProperty("fleet.database.url"));
			pool.setConnectionTimeout(2000);
			pool.setMaximumPoolSize(4);
			return pool;
		}

		/** Spring Security is on the test classpath; this fleet is open to the test. */
		@Bean
		SecurityFilterChain openToTheTest(HttpSecurity http) {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).build();
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class WithoutDatabase {

	}

}

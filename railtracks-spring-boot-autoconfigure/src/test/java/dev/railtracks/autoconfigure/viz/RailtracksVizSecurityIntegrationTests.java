package dev.railtracks.autoconfigure.viz;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
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

import dev.railtracks.FunctionNode;
import dev.railtracks.Session;
import dev.railtracks.autoconfigure.SessionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The visualiser behind an application's own Spring Security, over real HTTP, configured as
 * {@code docs/spring-boot.md} shows: signing in is needed to see it at all, and only the {@code OPS} role sees values
 * ({@code railtracks.endpoint.show-values=when-authorized}). // #9
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railtracks.viz.enabled=true", "railtracks.endpoint.show-values=when-authorized",
				"railtracks.endpoint.roles=OPS" })
class RailtracksVizSecurityIntegrationTests {

	private static final FunctionNode<String> GREET = FunctionNode.of("greet", (String name) -> "hello " + name);

	@TempDir
	static Path stateDirectory;

	@LocalServerPort
	private int port;

	@Autowired
	private SessionFactory sessions;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@DynamicPropertySource
	static void railtracksProperties(DynamicPropertyRegistry registry) {
		registry.add("railtracks.state-directory", stateDirectory::toString);
	}

	@Test
	void anonymousUsersSeeNothing() throws Exception {
		assertThat(get("/railtracks/", null).statusCode()).isEqualTo(401);
		assertThat(get("/railtracks/api/sessions", null).statusCode()).isEqualTo(401);
	}

	@Test
	void signedInUsersSeeRunsAndOnlyTheRoleSeesValues() throws Exception {
		String id;
		try (Session session = this.sessions.create()) {
			id = session.identifier();
			session.runSync(GREET, "Ada Lovelace");
		}
		assertThat(get("/railtracks/", "dev").statusCode()).isEqualTo(200);
		HttpResponse<String> masked = get("/railtracks/api/sessions/" + id, "dev");
		assertThat(masked.statusCode()).isEqualTo(200);
		assertThat(masked.body()).contains("\"values_shown\":false", "\"output\":\"******\"")
			.doesNotContain("Ada Lovelace");
		HttpResponse<String> shown = get("/railtracks/api/sessions/" + id, "ops");
		assertThat(shown.body()).contains("\"values_shown\":true", "hello Ada Lovelace");
	}

	private HttpResponse<String> get(String path, @Nullable String user) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(10));
		if (user != null) {
			String credentials = user + ":secret";
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class SecuredApplication {

		@Bean
		SecurityFilterChain security(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests((requests) -> requests.requestMatchers("/railtracks", "/railtracks/**")
				.authenticated()
				.anyRequest()
				.permitAll()).httpBasic(Customizer.withDefaults());
			return http.build();
		}

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(User.withUsername("ops").password("{noop}secret").roles("OPS").build(),
					User.withUsername("dev").password("{noop}secret").roles("DEV").build());
		}

	}

}

package dev.railtracks.autoconfigure.human;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import dev.railtracks.FunctionNode;
import dev.railtracks.HumanRequest;
import dev.railtracks.HumanRequests;
import dev.railtracks.NodeDefinition;
import dev.railtracks.testing.PendingHumanRequests;
import dev.railtracks.Session;
import dev.railtracks.autoconfigure.SessionFactory;

import static dev.railtracks.Railtracks.askHuman;
import static dev.railtracks.middleware.Approval.requiresApproval;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP API of human in the loop over real HTTP, behind the application's own Spring Security: listing, typed
 * answers (400 naming the types, 404, 409), the first of 100 concurrent answers winning, the principal recorded as who
 * answered, 403 for a user the application does not let approve, and the actuator endpoint listing what is pending.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railtracks.save-state=false", "railtracks.human.web.enabled=true",
				"management.endpoints.web.exposure.include=humanrequests" })
class HumanRequestsHttpIntegrationTests {

	private static final FunctionNode<Integer> NIGHTS = FunctionNode.of("nights",
			() -> askHuman("How many nights? <b>honest</b>", int.class, Duration.ofSeconds(60)));

	private static final NodeDefinition<String> REFUND = FunctionNode
		.of("refund", (String order, Double amount) -> "Refunded " + amount + " EUR on " + order)
		.withParameterNames("order", "amount")
		.withMiddleware(requiresApproval().timeout(Duration.ofSeconds(60)));

	@LocalServerPort
	private int port;

	@Autowired
	private SessionFactory sessions;

	@Autowired
	private HumanRequests requests;

	@Autowired
	private AnswerListener answers;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(60))
		.build();

	@Test
	void aPendingQuestionIsListedAndTheFirstOfAHundredConcurrentTypedAnswersWins() throws Exception {
		try (Session session = this.sessions.create()) {
			CompletableFuture<Integer> run = session.callAsync(NIGHTS);
			HumanRequest request = PendingHumanRequests.awaitPending(this.requests);
			String path = "/railtracks/human/requests/" + request.runId() + "/" + request.requestId();

			HttpResponse<String> listed = send(HttpMethod.GET, "/railtracks/human/requests", null, "ops");
			assertThat(listed.statusCode()).isEqualTo(200);
			assertThat(listed.body()).contains("\"requestId\":\"" + request.requestId() + "\"",
					"\"answerType\":\"java.lang.Integer\"", "\"kind\":\"question\"",
					// The question as asked, in a JSON string: showing it as text, not HTML, is the client's part.
					"\"question\":\"How many nights? <b>honest</b>\"");
			HttpResponse<String> actuator = send(HttpMethod.GET, "/actuator/humanrequests", null, null);
			assertThat(actuator.statusCode()).isEqualTo(200);
			assertThat(actuator.body()).contains("\"requestId\":\"" + request.requestId() + "\"");

			assertThat(send(HttpMethod.POST, path, "{\"answer\":3}", "dev").statusCode()).isEqualTo(403);
			HttpResponse<String> wrongType = send(HttpMethod.POST, path, "{\"answer\":\"three\"}", "ops");
			assertThat(wrongType.statusCode()).isEqualTo(400);
			assertThat(wrongType.body()).contains("must be a java.lang.Integer but was a JSON string");
			assertThat(send(HttpMethod.POST, "/railtracks/human/requests/" + request.runId() + "/nope",
					"{\"answer\":3}", "ops").statusCode()).isEqualTo(404);

			List<CompletableFuture<HttpResponse<String>>> concurrent = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				concurrent.add(sendAsync(path, "{\"answer\":" + i + "}", "ops"));
			}
			List<Integer> statuses = new ArrayList<>();
			for (CompletableFuture<HttpResponse<String>> response : concurrent) {
				statuses.add(response.get(120, TimeUnit.SECONDS).statusCode());
			}
			assertThat(statuses).filteredOn((status) -> status == 200).hasSize(1);
			assertThat(statuses).filteredOn((status) -> status == 409).hasSize(99);
			Integer nights = run.get(30, TimeUnit.SECONDS);
			assertThat(this.answers.answers).singleElement().satisfies((event) -> {
				assertThat(event.getAnswer().answeredBy()).isEqualTo("ops");
				assertThat(event.getAnswer().value()).isEqualTo(nights);
			});
			assertThat(send(HttpMethod.POST, path, "{\"answer\":3}", "ops").statusCode()).isEqualTo(409);
			assertThat(this.requests.pending()).isEmpty();
		}
	}

	@Test
	void anApprovalsArgumentsAreMaskedByDefault() throws Exception {
		try (Session session = this.sessions.create()) {
			CompletableFuture<String> run = session.callAsync(REFUND, "A-1", 250.0);
			HumanRequest request = PendingHumanRequests.awaitPending(this.requests);
			String path = "/railtracks/human/requests/" + request.runId() + "/" + request.requestId();
			HttpResponse<String> listed = send(HttpMethod.GET, "/railtracks/human/requests", null, "ops");
			assertThat(listed.statusCode()).isEqualTo(200);
			assertThat(listed.body()).contains("\"kind\":\"approval\"", "\"arguments\":[\"******\",\"******\"]")
				.doesNotContain("A-1").doesNotContain("250");
			HttpResponse<String> one = send(HttpMethod.GET, path, null, "ops");
			assertThat(one.body()).contains("\"arguments\":[\"******\",\"******\"]").doesNotContain("A-1");
			assertThat(send(HttpMethod.POST, path, "{\"answer\":{\"approved\":true}}", "ops").statusCode())
				.isEqualTo(200);
			assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo("Refunded 250.0 EUR on A-1");
		}
	}

	private HttpResponse<String> send(HttpMethod method, String path, @Nullable String body, @Nullable String user)
			throws Exception {
		return this.http.send(request(method, path, body, user), HttpResponse.BodyHandlers.ofString());
	}

	private CompletableFuture<HttpResponse<String>> sendAsync(String path, String body, String user) {
		return this.http.sendAsync(request(HttpMethod.POST, path, body, user), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest request(HttpMethod method, String path, @Nullable String body, @Nullable String user) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(90))
			.header("Content-Type", "application/json")
			.method(method.name(), (body != null) ? HttpRequest.BodyPublishers.ofString(body)
					: HttpRequest.BodyPublishers.noBody());
		if (user != null) {
			String credentials = user + ":secret";
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		return request.build();
	}

	/** Keeps the answered events. */
	static class AnswerListener {

		final List<HumanAnsweredEvent> answers = new CopyOnWriteArrayList<>();

		@EventListener
		void on(HumanAnsweredEvent event) {
			this.answers.add(event);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ApproverApplication {

		@Bean
		AnswerListener answerListener() {
			return new AnswerListener();
		}

		@Bean
		SecurityFilterChain security(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests((requests) -> requests
				.requestMatchers(HttpMethod.POST, "/railtracks/human/**").hasRole("APPROVER")
				.requestMatchers("/railtracks/human/**").authenticated()
				.anyRequest().permitAll())
				.httpBasic(Customizer.withDefaults())
				.csrf((csrf) -> csrf.ignoringRequestMatchers("/railtracks/human/**"));
			return http.build();
		}

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(
					User.withUsername("ops").password("{noop}secret").roles("APPROVER").build(),
					User.withUsername("dev").password("{noop}secret").roles("DEV").build());
		}

	}

}

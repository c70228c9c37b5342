package dev.railtracks.autoconfigure.web;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.railtracks.FatalException;
import dev.railtracks.FunctionNode;
import dev.railtracks.Session;
import dev.railtracks.autoconfigure.SessionFactory;

/**
 * Railtracks exceptions escaping a controller of a real web application become problem details over HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railtracks.save-state=false", "railtracks.logging-setting=none" })
@AutoConfigureRestTestClient
class RailtracksProblemDetailsIntegrationTests {

	@Autowired
	private RestTestClient client;

	@Test
	void aTimeoutIsA504ProblemWithTheTimeout() {
		this.client.get()
			.uri("/timeout")
			.exchange()
			.expectStatus()
			.isEqualTo(504)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(504)
			.jsonPath("$.title")
			.isEqualTo("Workflow timed out")
			.jsonPath("$.detail")
			.isEqualTo("The workflow did not finish within 0.1 seconds.")
			.jsonPath("$.timeoutSeconds")
			.isEqualTo(0.1)
			.jsonPath("$.instance")
			.isEqualTo("/timeout");
	}

	@Test
	void aFatalFailureIsA500ProblemThatDoesNotRepeatTheMessage() {
		this.client.get()
			.uri("/fatal")
			.exchange()
			.expectStatus()
			.isEqualTo(500)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Workflow failed")
			.jsonPath("$.detail")
			.isEqualTo("The workflow failed.")
			.consumeWith((result) -> org.assertj.core.api.Assertions
				.assertThat(new String(result.getResponseBodyContent())).doesNotContain("secret input"));
	}

	@Test
	void argumentsThatDoNotFitANodeAreA500Problem() {
		this.client.get()
			.uri("/bad-arguments")
			.exchange()
			.expectStatus()
			.isEqualTo(500)
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Workflow node could not be created");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfigurationWithoutSecurity
	static class WebApplication {

		@RestController
		static class WorkflowController {

			private static final FunctionNode<String> BLOCKING = FunctionNode.of("blocking", () -> {
				new CountDownLatch(1).await();
				return "never";
			});

			private static final FunctionNode<String> FATAL = FunctionNode.of("fatal", (String input) -> {
				throw new FatalException("failed on " + input);
			});

			private static final FunctionNode<Integer> LENGTH = FunctionNode.of("length", (String s) -> s.length());

			private final SessionFactory sessions;

			WorkflowController(SessionFactory sessions) {
				this.sessions = sessions;
			}

			@GetMapping("/timeout")
			Object timeout() {
				try (Session session = this.sessions.create((config) -> config.timeout(Duration.ofMillis(100)))) {
					return session.runSync(BLOCKING).answer();
				}
			}

			@GetMapping("/fatal")
			Object fatal() {
				try (Session session = this.sessions.create()) {
					return session.runSync(FATAL, "secret input").answer();
				}
			}

			@GetMapping("/bad-arguments")
			Object badArguments() {
				try (Session session = this.sessions.create()) {
					return session.runSync(LENGTH, 42).answer();
				}
			}

		}

	}

}

package dev.railtracks.autoconfigure.web;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.railtracks.GlobalTimeoutException;
import dev.railtracks.Session;
import dev.railtracks.agent.Agent;
import dev.railtracks.agent.AgentResponse;
import dev.railtracks.autoconfigure.SessionFactory;
import dev.railtracks.autoconfigure.agent.AgentFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code railtracks.timeout} bounds an HTTP request whose agent waits on a model that ignores interrupts, as an HTTP
 * client blocked in a read does: the 504 arrives at the deadline, not when the model answers, and it and the log
 * name the property.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "railtracks.timeout=500ms", "railtracks.save-state=false" })
@AutoConfigureRestTestClient
@ExtendWith(OutputCaptureExtension.class)
class TimeoutOverHttpIntegrationTests {

	/** Generous for a busy machine; the model answers only when the test lets it, or after ten seconds. */
	private static final long ANSWERED_WITHIN_NANOS = TimeUnit.SECONDS.toNanos(3);

	@Autowired
	private RestTestClient client;

	@Autowired
	private StalledChatModel model;

	@AfterEach
	void letTheModelAnswer() {
		this.model.letGo();
	}

	@Test
	void aModelIgnoringTheInterruptGetsA504AtTheDeadlineNotWhenItAnswers(CapturedOutput output) {
		long started = System.nanoTime();
		String body = gatewayTimeoutBody("/ask?question={question}", "where to?");
		assertThat(System.nanoTime() - started).as("nanoseconds until the answer").isLessThan(ANSWERED_WITHIN_NANOS);
		assertThat(this.model.hasAnswered()).as("the model answered before the response").isFalse();
		assertThat(body).containsPattern("\"timeoutSeconds\":0.5[,}]")
			.contains("\"detail\":\"The workflow did not finish within 0.5 seconds.\"");
		assertThat(output).contains("trip_planner ENDED: Execution timed out after 0.5 seconds; running nodes were "
				+ "interrupted and their results will be dropped. Raise railtracks.timeout or make the nodes faster.");
	}

	@Test
	void theProblemDetailWritesWholeSecondsAsAPlainNumber() {
		String body = gatewayTimeoutBody("/timed-out-after-twenty-seconds");
		assertThat(body).containsPattern("\"timeoutSeconds\":20[,}]")
			.contains("\"detail\":\"The workflow did not finish within 20 seconds.\"")
			.doesNotContain("E+");
	}

	/** The text of a response that must be a 504. */
	private String gatewayTimeoutBody(String uri, Object... variables) {
		return this.client.get()
			.uri(uri, variables)
			.exchange()
			.expectStatus()
			.isEqualTo(504)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	/**
	 * A Spring AI model that answers only when the test lets it (or after ten seconds), going back to waiting when
	 * interrupted, as an HTTP client blocked in a read does.
	 */
	static final class StalledChatModel implements ChatModel {

		private final CountDownLatch letGo = new CountDownLatch(1);

		private volatile boolean answered;

		@Override
		public ChatResponse call(Prompt prompt) {
			long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			long remaining;
			while (this.letGo.getCount() > 0 && (remaining = giveUp - System.nanoTime()) > 0) {
				try {
					this.letGo.await(remaining, TimeUnit.NANOSECONDS);
				}
				catch (InterruptedException ex) {
					// Ignored, as a blocking socket read ignores it.
				}
			}
			this.answered = true;
			return new ChatResponse(List.of(new Generation(new AssistantMessage("Lisbon, eventually"))));
		}

		@Override
		public ChatOptions getDefaultOptions() {
			return ChatOptions.builder().model("stalled").build();
		}

		boolean hasAnswered() {
			return this.answered;
		}

		void letGo() {
			this.letGo.countDown();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfigurationWithoutSecurity
	static class WebApplication {

		@Bean
		StalledChatModel stalledChatModel() {
			return new StalledChatModel();
		}

		@Bean
		Agent<String> tripPlanner(AgentFactory agents) {
			return agents.builder("trip_planner").systemMessage("You plan trips.").build();
		}

		@RestController
		static class AskController {

			private final SessionFactory sessions;

			private final Agent<String> tripPlanner;

			AskController(SessionFactory sessions, Agent<String> tripPlanner) {
				this.sessions = sessions;
				this.tripPlanner = tripPlanner;
			}

			@GetMapping("/ask")
			String ask(@RequestParam String question) {
				try (Session session = this.sessions.create()) {
					AgentResponse<String> answer = session.call(this.tripPlanner, question);
					return answer.text();
				}
			}

			@GetMapping("/timed-out-after-twenty-seconds")
			String timedOutAfterTwentySeconds() {
				throw new GlobalTimeoutException(Duration.ofSeconds(20), "railtracks.timeout");
			}

		}

	}

}

package dev.railtracks.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.railtracks.Session;
import dev.railtracks.llm.ModelResponse;
import dev.railtracks.llm.ScriptedModel;
import dev.railtracks.llm.TransientModelException;

import static dev.railtracks.agent.AgentTests.CONFIG;
import static dev.railtracks.agent.AgentTests.graph;
import static dev.railtracks.agent.AgentTests.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RetryPolicy}: how agents retry failing model calls.
 */
class AgentResilienceTests {

	static final RetryPolicy QUICK = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5), 2.0);

	@Test
	void transientFailuresAreRetriedAndEachAttemptIsRecorded() {
		List<String> attempts = new ArrayList<>();
		ScriptedModel model = ScriptedModel.of((request) -> {
			attempts.add("attempt");
			if (attempts.size() == 1) {
				throw new TransientModelException("rate limited");
			}
			if (attempts.size() == 2) {
				throw new UncheckedIOException(new IOException("connection reset"));
			}
			return ModelResponse.text("finally");
		});
		Agent<String> agent = Agent.builder("patient").model(model).retryPolicy(QUICK).build();
		try (Session session = new Session(CONFIG)) {
			session.runSync(agent, "hello");
			JsonNode details = node(graph(session), "patient").get("details").get("internals").get("llm_details");
			assertThat(details).hasSize(3);
			assertThat(details.get(0).get("output").isNull()).isTrue();
			assertThat(details.get(0).get("input_tokens").isNull()).isTrue();
			assertThat(details.get(1).get("output").isNull()).isTrue();
			assertThat(details.get(2).get("output").get("content").asString()).isEqualTo("finally");
		}
		assertThat(attempts).hasSize(3);
	}

	@Test
	void afterTheLastAttemptTheAgentFailsNamingTheModelTheRoundAndTheAttempts() {
		ScriptedModel model = ScriptedModel.of((request) -> {
			throw new TransientModelException("overloaded");
		});
		Agent<String> agent = Agent.builder("patient").model(model).retryPolicy(QUICK).build();
		try (Session session = new Session(CONFIG)) {
			assertThatExceptionOfType(ModelCallException.class).isThrownBy(() -> session.runSync(agent, "hello"))
				.withMessageContaining("Agent 'patient': call to model scripted/scripted failed in round 1 (attempt 3 of 3)")
				.withMessageContaining("overloaded")
				.withCauseInstanceOf(TransientModelException.class);
		}
		assertThat(model.requests()).hasSize(3);
	}

	@Test
	void aFailureThatIsNotTransientIsNotRetried() {
		ScriptedModel model = ScriptedModel.of((request) -> {
			throw new IllegalStateException("invalid api key");
		});
		Agent<String> agent = Agent.builder("hasty").model(model).retryPolicy(QUICK).build();
		try (Session session = new Session(CONFIG)) {
			assertThatExceptionOfType(ModelCallException.class).isThrownBy(() -> session.runSync(agent, "hello"))
				.withMessageContaining("attempt 1 of 3")
				.withMessageContaining("invalid api key");
		}
		assertThat(model.requests()).hasSize(1);
	}

	@Test
	void backoffGrowsExponentiallyUpToItsBound() {
		RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofMillis(500), 2.0);
		assertThat(List.of(policy.backoff(1), policy.backoff(2), policy.backoff(3), policy.backoff(4), policy.backoff(5)))
			.containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(500),
					Duration.ofMillis(500));
	}

	@Test
	void invalidPoliciesAreRefusedNamingTheValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 1))
			.withMessageContaining("maxAttempts must be at least 1 but was 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetryPolicy(2, Duration.ofSeconds(2), Duration.ofSeconds(1), 2))
			.withMessageContaining("maxBackoff must be at least initialBackoff (PT2S) but was PT1S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetryPolicy(2, Duration.ZERO, Duration.ZERO, 0.5))
			.withMessageContaining("multiplier must be a number of at least 1 but was 0.5");
	}

}

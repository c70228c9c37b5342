package dev.railtracks.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.railtracks.Session;
import dev.railtracks.llm.AssistantMessage;
import dev.railtracks.llm.ModelOptions;
import dev.railtracks.llm.ModelPrice;
import dev.railtracks.llm.ModelPrices;
import dev.railtracks.llm.ModelResponse;
import dev.railtracks.llm.ProviderAuthenticationException;
import dev.railtracks.llm.ProviderRateLimitException;
import dev.railtracks.llm.ProviderResponseException;
import dev.railtracks.llm.ScriptedModel;
import dev.railtracks.llm.TokenUsage;

import static dev.railtracks.agent.AgentResilienceTests.QUICK;
import static dev.railtracks.agent.AgentTests.CONFIG;
import static dev.railtracks.agent.AgentTests.graph;
import static dev.railtracks.agent.AgentTests.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What an agent does with a provider: its options reach every request, classified provider failures are retried only
 * when transient, and the fingerprint and the cost are recorded.
 */
class AgentProviderTests {

	@Test
	void theAgentsOptionsReachEveryRequest() {
		ScriptedModel model = ScriptedModel.of((request) -> ModelResponse.text("ok"));
		ModelOptions options = new ModelOptions("small-model", 0.2, 300);
		Agent<String> agent = Agent.builder("tuned").model(model).options(options).build();
		try (Session session = new Session(CONFIG)) {
			session.runSync(agent, "hello");
		}
		assertThat(model.requests()).singleElement().extracting((request) -> request.options()).isEqualTo(options);
		assertThat(Agent.builder("plain").model(model).build().options()).isEqualTo(ModelOptions.DEFAULTS);
	}

	@Test
	void modelOptionsNameTheBadValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ModelOptions(" ", null, null))
			.withMessageContaining("'model' must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> new ModelOptions(null, -0.5, null))
			.withMessageContaining("'temperature' must be a number of at least 0 but was -0.5");
		assertThatIllegalArgumentException().isThrownBy(() -> new ModelOptions(null, null, 0))
			.withMessageContaining("'maxTokens' must be at least 1 but was 0");
	}

	@Test
	void anUnreadableAnswerIsNotRetriedEvenThoughItsCauseIsAnIOException() {
		ScriptedModel model = ScriptedModel.of((request) -> {
			throw new ProviderResponseException("openai", 200, "unreadable",
					new UncheckedIOException(new IOException("Unexpected end of input")));
		});
		Agent<String> agent = Agent.builder("once").model(model).retryPolicy(QUICK).build();
		try (Session session = new Session(CONFIG)) {
			assertThatExceptionOfType(ModelCallException.class).isThrownBy(() -> session.runSync(agent, "hello"))
				.withCauseInstanceOf(ProviderResponseException.class);
		}
		assertThat(model.requests()).hasSize(1);
	}

	@Test
	void aRateLimitIsRetriedAndARejectedKeyIsNot() {
		ScriptedModel limited = ScriptedModel.of((request) -> {
			throw new ProviderRateLimitException("openai", Duration.ofMillis(2), "slow down", null);
		});
		ScriptedModel rejected = ScriptedModel.of((request) -> {
			throw new ProviderAuthenticationException("openai", 401, "bad key", null);
		});
		try (Session session = new Session(CONFIG)) {
			assertThatExceptionOfType(ModelCallException.class).isThrownBy(() -> session
				.runSync(Agent.builder("limited").model(limited).retryPolicy(QUICK).build(), "hello"));
		}
		try (Session session = new Session(CONFIG)) {
			assertThatExceptionOfType(ModelCallException.class).isThrownBy(() -> session
				.runSync(Agent.builder("rejected").model(rejected).retryPolicy(QUICK).build(), "hello"));
		}
		assertThat(limited.requests()).hasSize(3);
		assertThat(rejected.requests()).hasSize(1);
	}

	@Test
	void theProvidersRetryAfterLengthensTheWaitAndOneLongerThanMaxBackoffIsNotRetried() {
		RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(2), 2.0);
		assertThat(policy.delayBeforeRetry(1, limited(null))).contains(Duration.ofMillis(100));
		assertThat(policy.delayBeforeRetry(1, limited(Duration.ofMillis(50)))).contains(Duration.ofMillis(100));
		assertThat(policy.delayBeforeRetry(2, new ModelCallException("a", "wrapped", limited(Duration.ofSeconds(1)))))
			.contains(Duration.ofSeconds(1));
		assertThat(policy.delayBeforeRetry(1, limited(Duration.ofSeconds(3)))).isEmpty();
		assertThat(policy.delayBeforeRetry(3, limited(null))).isEmpty();
		assertThat(policy.delayBeforeRetry(1, new ProviderAuthenticationException("openai", 401, "bad key", null)))
			.isEmpty();
		ScriptedModel model = ScriptedModel.of((request) -> {
			throw limited(Duration.ofMinutes(1));
		});
		try (Session session = new Session(CONFIG)) {
			assertThatExceptionOfType(ModelCallException.class)
				.isThrownBy(() -> session.runSync(Agent.builder("patient").model(model).retryPolicy(QUICK).build(), "hi"))
				.havingCause()
				.isInstanceOfSatisfying(ProviderRateLimitException.class,
						(ex) -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofMinutes(1)));
		}
		assertThat(model.requests()).hasSize(1);
	}

	private static ProviderRateLimitException limited(@Nullable Duration retryAfter) {
		return new ProviderRateLimitException("openai", retryAfter, "slow down", null);
	}

	@Test
	void aFailedCallNamesTheModelTheAgentAskedFor() {
		ScriptedModel model = ScriptedModel.of((request) -> {
			throw new ProviderAuthenticationException("openai", 401, "bad key", null);
		});
		Agent<String> agent = Agent.builder("asks").model(model).options(new ModelOptions("asked", null, null)).build();
		try (Session session = new Session(CONFIG)) {
			assertThatExceptionOfType(ModelCallException.class).isThrownBy(() -> session.runSync(agent, "hello"))
				.withMessageContaining("/asked failed in round 1");
			assertThat(node(graph(session), "asks").get("details").get("internals").get("llm_details").get(0)
				.get("model_name").asString()).isEqualTo("asked");
		}
	}

	@Test
	void theFingerprintAndThePricedCostAreRecorded() {
		ScriptedModel model = ScriptedModel.of((request) -> new ModelResponse(new AssistantMessage("ok"),
				new TokenUsage(1000, 200), "gpt-4o-mini-2026-01-01", null, "fp_abc"));
		ModelPrices prices = ModelPrices.of(Map.of("gpt-4o-mini-2026-01-01", new ModelPrice(0.15, 0.60)));
		Agent<String> agent = Agent.builder("priced").model(model.withPrices(prices)).build();
		try (Session session = new Session(CONFIG)) {
			session.runSync(agent, "hello");
			JsonNode call = node(graph(session), "priced").get("details").get("internals").get("llm_details").get(0);
			assertThat(call.get("system_fingerprint").asString()).isEqualTo("fp_abc");
			assertThat(call.get("total_cost").asDouble()).isEqualTo((1000 * 0.15 + 200 * 0.60) / 1e6);
		}
	}

	@Test
	void aCallIsPricedByTheModelThatAnsweredElseTheModelAskedForElseTheModelsName() {
		ModelPrices prices = ModelPrices.of(Map.of("asked", new ModelPrice(1, 0), "scripted", new ModelPrice(2, 0)));
		ScriptedModel model = ScriptedModel
			.of((request) -> new ModelResponse(new AssistantMessage("ok"), new TokenUsage(1_000_000, 0)));
		try (Session session = new Session(CONFIG)) {
			session.runSync(Agent.builder("asks").model(model.withPrices(prices))
				.options(new ModelOptions("asked", null, null)).build(), "hello");
			session.runSync(Agent.builder("named").model(model.withPrices(prices)).build(), "hello");
			assertThat(node(graph(session), "asks").get("details").get("internals").get("llm_details").get(0)
				.get("total_cost").asDouble()).isEqualTo(1.0);
			assertThat(node(graph(session), "named").get("details").get("internals").get("llm_details").get(0)
				.get("total_cost").asDouble()).isEqualTo(2.0);
		}
		assertThat(new ModelPrice(1, 1).cost(new TokenUsage(10, null))).isNull();
		assertThatIllegalArgumentException().isThrownBy(() -> new ModelPrice(-1, 0))
			.withMessageContaining("inputPerMillion must be a number of at least 0 but was -1.0");
	}

}

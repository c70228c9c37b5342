package dev.railtracks.agent;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.networknt.schema.InputFormat;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.NodeCreationException;
import dev.railtracks.Session;
import dev.railtracks.TestConfigs;
import dev.railtracks.llm.AssistantMessage;
import dev.railtracks.llm.LanguageModel;
import dev.railtracks.llm.Message;
import dev.railtracks.llm.ModelRequest;
import dev.railtracks.llm.ModelResponse;
import dev.railtracks.llm.ProviderRateLimitException;
import dev.railtracks.llm.ScriptedModel;
import dev.railtracks.llm.SystemMessage;
import dev.railtracks.llm.TokenUsage;
import dev.railtracks.llm.TransientModelException;
import dev.railtracks.observation.DefaultModelCallObservationConvention;
import dev.railtracks.observation.ModelCallObservationContext;

import static dev.railtracks.agent.AgentTests.CONFIG;
import static dev.railtracks.agent.AgentTests.edgeTo;
import static dev.railtracks.agent.AgentTests.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ModelMiddleware}: what middleware may do around an agent's model calls, in which order, what the
 * record keeps, and how a misbehaving middleware fails.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ModelMiddlewareTests {

	/** Logs its before and after under a name. */
	record Logging(String name, List<String> log) implements ModelMiddleware {

		@Override
		public ModelRequest before(ModelRequest request, ModelRound round) {
			this.log.add(this.name + " before round " + round.number());
			return request;
		}

		@Override
		public ModelResponse after(ModelResponse response, ModelRound round) {
			this.log.add(this.name + " after round " + round.number());
			return response;
		}

	}

	/** Replaces the system message: a request rewritten before the model. */
	static final ModelMiddleware TERSE = new ModelMiddleware() {
		@Override
		public ModelRequest before(ModelRequest request, ModelRound round) {
			List<Message> messages = request.messages().stream()
				.map((message) -> (message instanceof SystemMessage) ? new SystemMessage("Be terse.") : message)
				.toList();
			return new ModelRequest(messages, request.tools(), request.outputSchema(), request.options());
		}
	};

	/** Shouts the answer: a response rewritten after the model. */
	static final ModelMiddleware SHOUT = new ModelMiddleware() {
		@Override
		public ModelResponse after(ModelResponse response, ModelRound round) {
			return new ModelResponse(new AssistantMessage(response.message().content().toUpperCase()), response.usage());
		}
	};

	@Test
	void middlewareRunAsAnOnionWithTheRetryPolicyInnermostOncePerRound() {
		List<String> log = new CopyOnWriteArrayList<>();
		ScriptedModel model = ScriptedModel.of((request) -> {
			log.add("model");
			if (log.stream().filter("model"::equals).count() == 1) {
				throw new TransientModelException("overloaded");
			}
			return ModelResponse.text("Sunny");
		});
		Agent<String> agent = Agent.builder("planner").model(model).retryPolicy(AgentResilienceTests.QUICK)
			.modelMiddleware(new Logging("outer", log), new Logging("inner", log)).build();
		assertThat(AgentTests.run(CONFIG, agent, "Kyoto").content()).isEqualTo("Sunny");
		assertThat(log).containsExactly("outer before round 1", "inner before round 1", "model", "model",
				"inner after round 1", "outer after round 1");
		assertThat(agent.modelMiddleware()).hasSize(2);
	}

	@Test
	void aRewrittenRequestIsWhatTheModelGetsAndRecordsAndARewrittenAnswerIsWhatTheAgentGoesOnWith() {
		ScriptedModel model = ScriptedModel.of(ModelResponse.text("sunny"));
		Agent<String> agent = Agent.builder("planner").model(model).systemMessage("Write an essay.")
			.modelMiddleware(TERSE, SHOUT).build();
		try (Session session = new Session(CONFIG)) {
			AgentResponse<?> answer = (AgentResponse<?>) session.runSync(agent, "Kyoto").answer();
			assertThat(answer.content()).isEqualTo("SUNNY");
			JsonNode details = llmDetails(session, "planner");
			assertThat(details).singleElement().satisfies((entry) -> {
				assertThat(entry.get("input").get(0).get("content").asString()).isEqualTo("Be terse.");
				assertThat(entry.get("output").get("content").asString()).isEqualTo("sunny");
				assertThat(entry.get("model_provider").asString()).isEqualTo("scripted");
			});
		}
		assertThat(((SystemMessage) model.requests().get(0).messages().get(0)).content()).isEqualTo("Be terse.");
	}

	@Test
	void aMiddlewareThatAnswersItselfIsRecordedAsTheRoundsAnswerWithoutAProviderOrAModelCall() throws IOException {
		ModelMiddleware cached = new ModelMiddleware() {
			@Override
			public ModelResponse around(ModelRequest request, ModelChain chain) {
				return new ModelResponse(new AssistantMessage("from the cache"), new TokenUsage(0, 0), "cache", null);
			}
		};
		ScriptedModel model = ScriptedModel.of(ModelResponse.text("never asked"));
		Agent<String> agent = Agent.builder("planner").model(model).modelMiddleware(cached).build();
		TestObservationRegistry registry = TestObservationRegistry.create();
		try (Session session = new Session(TestConfigs.noSave().observationRegistry(registry).build())) {
			AgentResponse<?> answer = (AgentResponse<?>) session.runSync(agent, "Kyoto").answer();
			assertThat(answer.content()).isEqualTo("from the cache");
			assertThat(llmDetails(session, "planner")).singleElement().satisfies((entry) -> {
				assertThat(entry.get("model_name").asString()).isEqualTo("cache");
				assertThat(entry.get("model_provider").isNull()).isTrue();
				assertThat(entry.get("input").get(0).get("content").asString()).isEqualTo("Kyoto");
				assertThat(entry.get("output").get("content").asString()).isEqualTo("from the cache");
				assertThat(entry.get("latency").isNumber()).isTrue();
			});
			assertSchemaValid(session);
		}
		assertThat(model.requests()).isEmpty();
		TestObservationRegistryAssert.assertThat(registry).doesNotHaveAnyRemainingCurrentObservation()
			.hasNumberOfObservationsWithNameEqualTo(DefaultModelCallObservationConvention.DEFAULT_NAME, 0);
	}

	@Test
	void aMiddlewareThatCallsTheModelTwiceRecordsAndObservesBothCalls() {
		ModelMiddleware secondOpinion = new ModelMiddleware() {
			@Override
			public ModelResponse around(ModelRequest request, ModelChain chain) throws InterruptedException {
				chain.call(request);
				return chain.call(request);
			}
		};
		ScriptedModel model = ScriptedModel.of(ModelResponse.text("first"), ModelResponse.text("second"));
		Agent<String> agent = Agent.builder("planner").model(model).modelMiddleware(secondOpinion).build();
		TestObservationRegistry registry = TestObservationRegistry.create();
		try (Session session = new Session(TestConfigs.noSave().observationRegistry(registry).build())) {
			AgentResponse<?> answer = (AgentResponse<?>) session.runSync(agent, "Kyoto").answer();
			assertThat(answer.content()).isEqualTo("second");
			JsonNode details = llmDetails(session, "planner");
			assertThat(details).hasSize(2);
			assertThat(details.get(0).get("output").get("content").asString()).isEqualTo("first");
			assertThat(details.get(1).get("output").get("content").asString()).isEqualTo("second");
		}
		TestObservationRegistryAssert.assertThat(registry)
			.hasNumberOfObservationsWithNameEqualTo(DefaultModelCallObservationConvention.DEFAULT_NAME, 2);
	}

	@Test
	void aRejectedAnswerFailsTheAgentNotRetriedAndTheRecordKeepsTheAnswer() throws IOException {
		ModelMiddleware noSecrets = new ModelMiddleware() {
			@Override
			public ModelResponse after(ModelResponse response, ModelRound round) {
				throw new ModelResponseRejectedException(round, "the answer contains an API key");
			}
		};
		ScriptedModel model = ScriptedModel.of(ModelResponse.text("the key is sk-123"));
		Agent<String> agent = Agent.builder("planner").model(model).retryPolicy(AgentResilienceTests.QUICK)
			.modelMiddleware(noSecrets).build();
		try (Session session = new Session(CONFIG)) {
			assertThatExceptionOfType(ModelResponseRejectedException.class)
				.isThrownBy(() -> session.runSync(agent, "Kyoto"))
				.withMessage("Agent 'planner': the answer of model scripted/scripted in round 1 was rejected: the answer"
						+ " contains an API key")
				.satisfies((ex) -> assertThat(ex.agentName()).isEqualTo("planner"));
			assertThat(llmDetails(session, "planner")).singleElement()
				.satisfies((entry) -> assertThat(entry.get("output").get("content").asString())
					.isEqualTo("the key is sk-123"));
			JsonNode graph = AgentTests.graph(session);
			JsonNode failure = edgeTo(graph, node(graph, "planner").get("identifier").asString()).get("details");
			assertThat(failure.get("status").asString()).isEqualTo("Failed");
			assertThat(failure.get("output").get("type").asString())
				.isEqualTo(ModelResponseRejectedException.class.getSimpleName());
			assertSchemaValid(session);
		}
		assertThat(model.requests()).hasSize(1);
	}

	@Test
	void aRetryPolicyAddedAsMiddlewareRetriesWhatTheMiddlewareAfterItRejectsAsTransient() {
		ModelMiddleware pickyJudge = new ModelMiddleware() {
			@Override
			public ModelResponse after(ModelResponse response, ModelRound round) {
				if (response.message().content().equals("meh")) {
					throw new TransientModelException("answer too vague, ask again");
				}
				return response;
			}
		};
		ScriptedModel model = ScriptedModel.of(ModelResponse.text("meh"), ModelResponse.text("Sunny, 24 °C"));
		Agent<String> agent = Agent.builder("planner").model(model).retryPolicy(RetryPolicy.NONE)
			.modelMiddleware(AgentResilienceTests.QUICK, pickyJudge).build();
		try (Session session = new Session(CONFIG)) {
			AgentResponse<?> answer = (AgentResponse<?>) session.runSync(agent, "Kyoto").answer();
			assertThat(answer.content()).isEqualTo("Sunny, 24 °C");
			assertThat(llmDetails(session, "planner")).hasSize(2);
		}
	}

	@Test
	void theRetryMiddlewareWaitsAsLongAsTheProvidersRetryAfterAndRecordsEachAttempt() {
		long[] calledAt = new long[2];
		AtomicInteger calls = new AtomicInteger();
		ScriptedModel model = ScriptedModel.of((request) -> {
			int call = calls.getAndIncrement();
			calledAt[call] = System.nanoTime();
			if (call == 0) {
				throw new ProviderRateLimitException("openai", Duration.ofMillis(200), "slow down", null);
			}
			return ModelResponse.text("Sunny");
		});
		Agent<String> agent = Agent.builder("planner").model(model)
			.retryPolicy(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofSeconds(1), 2.0)).build();
		try (Session session = new Session(CONFIG)) {
			session.runSync(agent, "Kyoto");
			JsonNode details = llmDetails(session, "planner");
			assertThat(details).hasSize(2);
			assertThat(details.get(0).get("output").isNull()).isTrue();
			assertThat(details.get(1).get("output").get("content").asString()).isEqualTo("Sunny");
		}
		assertThat(Duration.ofNanos(calledAt[1] - calledAt[0])).isGreaterThanOrEqualTo(Duration.ofMillis(200));
	}

	@Test
	void aMiddlewareThatThrowsBeforeTheModelFailsTheRoundNamingTheAgentAndTheRoundWithNoModelCall()
			throws IOException {
		ModelMiddleware broken = new ModelMiddleware() {
			@Override
			public ModelRequest before(ModelRequest request, ModelRound round) {
				throw new IllegalStateException("guard offline");
			}
		};
		ScriptedModel model = ScriptedModel.of(ModelResponse.text("never asked"));
		Agent<String> agent = Agent.builder("planner").model(model).modelMiddleware(broken).build();
		try (Session session = new Session(CONFIG)) {
			assertThatExceptionOfType(ModelCallException.class).isThrownBy(() -> session.runSync(agent, "Kyoto"))
				.withMessage("Agent 'planner': a model middleware failed in round 1: java.lang.IllegalStateException:"
						+ " guard offline")
				.withCauseInstanceOf(IllegalStateException.class);
			assertThat(llmDetails(session, "planner")).isEmpty();
			assertSchemaValid(session);
		}
		assertThat(model.requests()).isEmpty();
	}

	@Test
	void aMiddlewareThatThrowsAfterTheModelFailsTheRoundAndTheModelCallStaysRecorded() {
		ModelMiddleware broken = new ModelMiddleware() {
			@Override
			public ModelResponse after(ModelResponse response, ModelRound round) {
				throw new IllegalStateException("judge offline");
			}
		};
		ScriptedModel model = ScriptedModel.of(ModelResponse.text("Sunny"));
		Agent<String> agent = Agent.builder("planner").model(model).retryPolicy(AgentResilienceTests.QUICK)
			.modelMiddleware(broken).build();
		try (Session session = new Session(CONFIG)) {
			assertThatExceptionOfType(ModelCallException.class).isThrownBy(() -> session.runSync(agent, "Kyoto"))
				.withMessageContaining("a model middleware failed in round 1")
				.withMessageContaining("judge offline");
			assertThat(llmDetails(session, "planner")).singleElement()
				.satisfies((entry) -> assertThat(entry.get("output").get("content").asString()).isEqualTo("Sunny"));
		}
		assertThat(model.requests()).hasSize(1);
	}

	@Test
	void anErrorThrownAroundTheModelIsPassedOnUnwrapped() {
		ModelMiddleware broken = new ModelMiddleware() {
			@Override
			public ModelResponse around(ModelRequest request, ModelChain chain) {
				throw new AssertionError("middleware broke");
			}
		};
		Agent<String> agent = Agent.builder("planner").model(ScriptedModel.of(ModelResponse.text("Sunny")))
			.modelMiddleware(broken).build();
		try (Session session = new Session(CONFIG)) {
			assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> session.runSync(agent, "Kyoto"))
				.withMessage("middleware broke");
		}
	}

	@Test
	void aModelFailureAfterAMiddlewareIsNamedAsTheModelsWithoutRetry() {
		ScriptedModel model = ScriptedModel.of((request) -> {
			throw new IllegalStateException("bad key");
		});
		Agent<String> agent = Agent.builder("planner").model(model).retryPolicy(RetryPolicy.NONE)
			.modelMiddleware(TERSE).build();
		try (Session session = new Session(CONFIG)) {
			assertThatExceptionOfType(ModelCallException.class).isThrownBy(() -> session.runSync(agent, "Kyoto"))
				.withMessage("Agent 'planner': call to model scripted/scripted failed in round 1:"
						+ " java.lang.IllegalStateException: bad key");
		}
	}

	/** Returns null where it should pass a request on ({@code before}) or give an answer back ({@code after}). */
	record NullReturning(String name, boolean request) implements ModelMiddleware {

		@Override
		public ModelRequest before(ModelRequest passedOn, ModelRound round) {
			return this.request ? null : passedOn;
		}

		@Override
		public ModelResponse after(ModelResponse response, ModelRound round) {
			return this.request ? response : null;
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

	@Test
	void aMiddlewareReturningNullFailsTheRoundNamingIt() {
		ModelMiddleware nullAnswer = new NullReturning("NullAnswer", false);
		ModelMiddleware nullRequest = new NullReturning("NullRequest", true);
		ScriptedModel model = ScriptedModel.of(ModelResponse.text("Sunny"));
		try (Session session = new Session(CONFIG)) {
			assertThatExceptionOfType(ModelCallException.class)
				.isThrownBy(() -> session.runSync(Agent.builder("a").model(model).modelMiddleware(nullAnswer).build(), "x"))
				.withMessage("Agent 'a': model middleware NullAnswer returned null in round 1; a ModelMiddleware must"
						+ " return a ModelResponse with an assistant message and a usage");
			assertThatExceptionOfType(ModelCallException.class)
				.isThrownBy(() -> session.runSync(
						Agent.builder("b").model(model).modelMiddleware(nullRequest, TERSE).build(), "x"))
				.withMessage("Agent 'b': model middleware NullRequest passed on a null request in round 1");
		}
		assertThat(model.requests()).hasSize(1);
	}

	@Test
	void anAnswerWithoutAUsageFailsTheRoundNamingTheMiddlewareOrTheModel() {
		ModelMiddleware noUsage = new NamedAround("NoUsage",
				(request, chain) -> new ModelResponse(new AssistantMessage("Sunny"), null));
		AtomicInteger calls = new AtomicInteger();
		LanguageModel model = new LanguageModel() {
			@Override
			public ModelResponse chat(ModelRequest request) {
				calls.incrementAndGet();
				return new ModelResponse(new AssistantMessage("Sunny"), null);
			}

			@Override
			public String modelName() {
				return "unmetered";
			}

			@Override
			public String provider() {
				return "local";
			}
		};
		try (Session session = new Session(CONFIG)) {
			assertThatExceptionOfType(ModelCallException.class)
				.isThrownBy(() -> session.runSync(Agent.builder("a").model(model).modelMiddleware(noUsage).build(), "x"))
				.withMessage("Agent 'a': model middleware NoUsage returned a response without a usage in round 1; a"
						+ " ModelMiddleware must return a ModelResponse with an assistant message and a usage");
			assertThatExceptionOfType(ModelCallException.class)
				.isThrownBy(() -> session.runSync(
						Agent.builder("b").model(model).retryPolicy(RetryPolicy.NONE).modelMiddleware(TERSE).build(),
						"x"))
				.withMessage("Agent 'b': model local/unmetered returned a response without a usage in round 1; a"
						+ " LanguageModel must return a ModelResponse with an assistant message and a usage");
		}
		assertThat(calls).hasValue(1);
	}

	/** An {@code around} with a name, as the failures name it. */
	record NamedAround(String name, Around around) implements ModelMiddleware {

		@FunctionalInterface
		interface Around {

			ModelResponse around(ModelRequest request, ModelChain chain) throws Exception;

		}

		@Override
		public ModelResponse around(ModelRequest request, ModelChain chain) throws InterruptedException {
			try {
				return this.around.around(request, chain);
			}
			catch (InterruptedException | RuntimeException ex) {
				throw ex;
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

	@Test
	void aMiddlewareCallingTheChainOnAnotherThreadIsRefusedNamingTheAgentTheRoundAndTheMiddleware() throws IOException {
		ModelMiddleware offThread = new NamedAround("OffThread", (request, chain) -> {
			ExecutorService other = Executors.newSingleThreadExecutor((task) -> new Thread(task, "elsewhere"));
			try {
				return other.submit(() -> chain.call(request)).get();
			}
			catch (ExecutionException ex) {
				throw (Exception) ex.getCause();
			}
			finally {
				other.shutdown();
			}
		});
		ScriptedModel model = ScriptedModel.of(ModelResponse.text("Sunny"));
		Agent<String> agent = Agent.builder("planner").model(model).modelMiddleware(offThread).build();
		try (Session session = new Session(CONFIG)) {
			assertThatExceptionOfType(ModelCallException.class).isThrownBy(() -> session.runSync(agent, "Kyoto"))
				.withMessageStartingWith("Agent 'planner': a model middleware failed in round 1")
				.havingCause()
				.isInstanceOf(IllegalStateException.class)
				.withMessageStartingWith("Agent 'planner': model middleware OffThread called ModelChain.call on thread"
						+ " 'elsewhere' in round 1; call it on the agent's thread '");
			assertThat(llmDetails(session, "planner")).isEmpty();
			assertSchemaValid(session);
		}
		assertThat(model.requests()).isEmpty();
	}

	@Test
	void middlewareConfiguredTwiceIsRefusedNamingIt() {
		Agent.Builder<String> builder = Agent.builder("planner").model(ScriptedModel.of(ModelResponse.text("x")))
			.modelMiddleware(TERSE);
		assertThatExceptionOfType(NodeCreationException.class).isThrownBy(() -> builder.modelMiddleware(TERSE))
			.withMessageStartingWith("Agent 'planner': model middleware " + TERSE + " was added twice");
		assertThatExceptionOfType(NodeCreationException.class)
			.isThrownBy(() -> builder.modelMiddleware((ModelMiddleware) null))
			.withMessage("Agent 'planner': a model middleware must not be null");
		assertThatExceptionOfType(NodeCreationException.class)
			.isThrownBy(() -> builder.modelMiddleware(AgentResilienceTests.QUICK).build())
			.withMessageStartingWith("Agent 'planner' would retry model calls twice: by its retry policy "
					+ RetryPolicy.DEFAULT + " and by the model middleware " + AgentResilienceTests.QUICK)
			.withMessageContaining("call retryPolicy(RetryPolicy.NONE) on its builder")
			.withMessageContaining("railtracks.agent.retry.max-attempts=1");
	}

	@Test
	void theModelCallObservationUsesTheSessionsConvention() {
		DefaultModelCallObservationConvention renamed = new DefaultModelCallObservationConvention() {
			@Override
			public String getName() {
				return "llm.call";
			}

			@Override
			public String getContextualName(ModelCallObservationContext context) {
				return "ask " + context.getAgentName();
			}
		};
		TestObservationRegistry registry = TestObservationRegistry.create();
		ExecutorConfig config = TestConfigs.noSave().observationRegistry(registry)
			.modelCallObservationConvention(renamed).build();
		assertThat(config.toBuilder().build().modelCallObservationConvention()).isSameAs(renamed);
		AgentTests.run(config, Agent.builder("planner").model(ScriptedModel.of(ModelResponse.text("Sunny"))).build(),
				"Kyoto");
		TestObservationRegistryAssert.assertThat(registry)
			.hasNumberOfObservationsWithNameEqualTo(DefaultModelCallObservationConvention.DEFAULT_NAME, 0)
			.hasObservationWithNameEqualTo("llm.call")
			.that()
			.hasContextualNameEqualTo("ask planner")
			.hasLowCardinalityKeyValue("outcome", "success");
	}

	private static JsonNode llmDetails(Session session, String agent) {
		return node(AgentTests.graph(session), agent).get("details").get("internals").get("llm_details");
	}

	private static void assertSchemaValid(Session session) throws IOException {
		assertThat(AgentSavedStateTests.schema().validate(session.payload(), InputFormat.JSON)).isEmpty();
	}

}

package dev.railtracks.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.FatalException;
import dev.railtracks.GlobalTimeoutException;
import dev.railtracks.Node;
import dev.railtracks.NodeInvocationException;
import dev.railtracks.Railtracks;
import dev.railtracks.info.NodeType;
import dev.railtracks.llm.AssistantMessage;
import dev.railtracks.llm.LanguageModel;
import dev.railtracks.llm.Message;
import dev.railtracks.llm.ModelRequest;
import dev.railtracks.llm.ModelResponse;
import dev.railtracks.llm.SystemMessage;
import dev.railtracks.llm.ToolCall;
import dev.railtracks.llm.ToolResultMessage;
import dev.railtracks.llm.UserMessage;
import dev.railtracks.observation.DefaultModelCallObservationConvention;
import dev.railtracks.observation.ModelCallObservationContext;
import dev.railtracks.observation.RailtracksObservationDocumentation;
import dev.railtracks.support.ValueText;

/**
 * One invocation of an {@link Agent}: the loop of model rounds and tool calls.
 */
final class AgentNode<T> extends Node<AgentResponse<T>> {

	/** The original's prefix for a tool failure reported to the model. */
	static final String TOOL_ERROR_PREFIX = "There was an error during tool execution: ";

	private static final Logger logger = LoggerFactory.getLogger(AgentNode.class);

	/** Writes tool results; an object with no properties fails rather than reaching the model as {@code {}}. */
	private static final ObjectWriter RESULT_WRITER = ToolBox.MAPPER.writer()
		.with(SerializationFeature.FAIL_ON_EMPTY_BEANS);

	private final Agent<T> agent;

	private final List<Message> conversation;

	private final List<LlmRequestDetails> llmDetails = new ArrayList<>();

	/** The model's last failure, so that the round's failure says it was the model's rather than a middleware's. */
	private @Nullable RuntimeException modelFailure;

	AgentNode(Agent<T> agent, List<Message> conversation) {
		this.agent = agent;
		this.conversation = conversation;
		recordDetail("llm_details", List.of());
	}

	@Override
	public String name() {
		return this.agent.name();
	}

	@Override
	public NodeType type() {
		return NodeType.AGENT;
	}

	@Override
	public AgentResponse<T> invoke() throws Exception {
		ExecutorConfig config = Railtracks.config();
		List<Message> history = new ArrayList<>(config.promptInjection()
				? inject(this.conversation, Railtracks.context().asMap()) : this.conversation);
		int maxRounds = this.agent.maxRounds();
		for (int round = 1;; round++) {
			ModelResponse response = callModel(config, history, round);
			AssistantMessage answer = response.message();
			history.add(answer);
			if (!answer.hasToolCalls()) {
				return finish(answer, history);
			}
			if (round == maxRounds) {
				throw new MaxRoundsExceededException(name(), maxRounds,
						String.join(", ", answer.toolCalls().stream().map(ToolCall::name).toList()));
			}
			history.addAll(runTools(config, answer.toolCalls(), round));
		}
	}

	/** Prompt injection is one-shot: the messages given to the model (and recorded) are the filled ones. */
	private static List<Message> inject(List<Message> messages, Map<String, ?> values) {
		List<Message> injected = new ArrayList<>(messages.size());
		for (Message message : messages) {
			if (message instanceof SystemMessage system) {
				injected.add(new SystemMessage(PromptInjection.fill(system.content(), values)));
			}
			else if (message instanceof UserMessage user) {
				injected.add(new UserMessage(PromptInjection.fill(user.content(), values)));
			}
			else {
				injected.add(message);
			}
		}
		return injected;
	}

	/**
	 * One model round: the request, the agent's middleware chain (its retry policy innermost) around the model, and
	 * the round's record when no call reached the model.
	 */
	private ModelResponse callModel(ExecutorConfig config, List<Message> history, int round) throws InterruptedException {
		ModelRequest request = new ModelRequest(history, this.agent.toolBox().definitions(), this.agent.outputSchema(),
				this.agent.options());
		List<ModelMiddleware> middleware = this.agent.modelChain();
		int callsBefore = this.llmDetails.size();
		long start = System.nanoTime();
		ModelResponse response;
		try {
			if (middleware.isEmpty()) {
				response = callModelOnce(config, request, round);
			}
			else {
				ModelRound modelRound = new ModelRound(name(), round, this.agent.model());
				response = new MiddlewareChain(middleware, 0, modelRound, Thread.currentThread(),
						(passedOn) -> callModelOnce(config, passedOn, round)).call(request);
			}
		}
		catch (AgentException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			if (Thread.currentThread().isInterrupted()) {
				throw ex; // the run is ending (timeout, fatal failure, cancellation): the engine reports why
			}
			throw roundFailure(request, round, ex);
		}
		if (this.llmDetails.size() == callsBefore) {
			// A middleware answered without calling the model: the round's answer is recorded, without a provider.
			this.llmDetails.add(new LlmRequestDetails(response.modelName(), null, request.messages(),
					response.message(), response.usage().inputTokens(), response.usage().outputTokens(),
					response.totalCost(), response.systemFingerprint(), seconds(start)));
			publishDetails();
		}
		return response;
	}

	/** The round's failure, named: the model's own (already recorded with its call) or a middleware's. */
	private ModelCallException roundFailure(ModelRequest request, int round, RuntimeException failure) {
		String what = (failure == this.modelFailure)
				? "call to model " + this.agent.model().provider() + "/" + askedModel(request, this.agent.model())
				: "a model middleware";
		return new ModelCallException(name(), "Agent '" + name() + "': " + what + " failed in round " + round + ": "
				+ failure, failure);
	}

	/**
	 * The model a request asks for: its options may name another than the model's default; it names the call's record.
	 * @param request the request
	 * @param model the agent's model
	 * @return the model's name
	 */
	static String askedModel(ModelRequest request, LanguageModel model) {
		return (request.options().model() != null) ? request.options().model() : model.modelName();
	}

	/** One call of the model, the end of the chain: recorded (in flight, then complete) and observed. */
	@SuppressWarnings("try") // the scope makes the observation current while the model is called: that is its use
	private ModelResponse callModelOnce(ExecutorConfig config, ModelRequest request, int round)
			throws InterruptedException {
		LanguageModel model = this.agent.model();
		String asked = askedModel(request, model);
		ModelCallObservationContext context = new ModelCallObservationContext(name(), asked, model.provider(), round);
		Observation observation = observe(config, context);
		// Recorded before the call, so that a run ending meanwhile (its timeout) records the round in flight.
		recordInFlight(new LlmRequestDetails(asked, model.provider(), request.messages(), null, null, null, null, null,
				null));
		long start = System.nanoTime();
		ModelResponse response;
		try (Observation.Scope scope = observation.openScope()) {
			response = model.chat(request);
		}
		catch (RuntimeException | Error ex) {
			recordFailure(model, asked, request, start, context, observation, ex);
			if (ex instanceof RuntimeException modelFailure) {
				this.modelFailure = modelFailure;
			}
			throw ex;
		}
		String unusable = MiddlewareChain.unusable(response);
		if (unusable != null) {
			ModelCallException noAnswer = new ModelCallException(name(), "Agent '" + name() + "': model "
					+ model.provider() + "/" + asked + " returned " + unusable + " in round " + round
					+ "; a LanguageModel must return a ModelResponse with an assistant message and a usage");
			recordFailure(model, asked, request, start, context, observation, noAnswer);
			throw noAnswer;
		}
		if (Thread.currentThread().isInterrupted()) {
			throw dropLateAnswer(model, asked, round, start, context, observation, response);
		}
		String modelName = (response.modelName() != null) ? response.modelName() : asked;
		record(new LlmRequestDetails(modelName, model.provider(), request.messages(), response.message(),
				response.usage().inputTokens(), response.usage().outputTokens(), response.totalCost(),
				response.systemFingerprint(), seconds(start)));
		context.setTokens(response.usage().inputTokens(), response.usage().outputTokens());
		context.setOutcome("success");
		observation.stop();
		return response;
	}

	private void recordFailure(LanguageModel model, String asked, ModelRequest request, long start,
			ModelCallObservationContext context, Observation observation, Throwable failure) {
		record(new LlmRequestDetails(asked, model.provider(), request.messages(), null, null, null, null, null,
				seconds(start)));
		context.setOutcome("failure");
		observation.error(failure);
		observation.stop();
	}

	/**
	 * An answer that arrived after the run ended (or the agent's thread was interrupted) while the model ignored the
	 * interrupt: the run's record already shows the round in flight, and nothing more is done with the answer — it is
	 * not added to the conversation, its tool calls are not run, the call is not retried.
	 * @return what the agent fails with; its run, if ended, records its own cause
	 */
	private InterruptedException dropLateAnswer(LanguageModel model, String asked, int round, long start,
			ModelCallObservationContext context, Observation observation, ModelResponse response) {
		context.setTokens(response.usage().inputTokens(), response.usage().outputTokens());
		context.setOutcome("cancelled");
		observation.stop();
		logger.warn("Agent '{}': the answer of model {}/{} in round {} arrived {} s after the call started, when the "
				+ "run had ended (or the agent was interrupted); the answer is dropped", name(), model.provider(),
				asked, round, String.format(Locale.ROOT, "%.3f", seconds(start)));
		return new InterruptedException("Agent '" + name() + "' was interrupted while its model answered round " + round
				+ "; the late answer was dropped");
	}

	private static Observation observe(ExecutorConfig config, ModelCallObservationContext context) {
		ObservationRegistry registry = config.observationRegistry();
		if (registry.isNoop()) {
			return Observation.NOOP;
		}
		Observation observation = RailtracksObservationDocumentation.MODEL_CALL.observation(
				config.modelCallObservationConvention(), DefaultModelCallObservationConvention.INSTANCE, () -> context,
				registry);
		Observation parent = registry.getCurrentObservation();
		if (parent != null) {
			observation.parentObservation(parent);
		}
		return observation.start();
	}

	/** Adds the entry of a call about to be made: no output and no latency yet. */
	private void recordInFlight(LlmRequestDetails details) {
		this.llmDetails.add(details);
		publishDetails();
	}

	/** Replaces the entry of the call in flight with its outcome. */
	private void record(LlmRequestDetails details) {
		this.llmDetails.set(this.llmDetails.size() - 1, details);
		publishDetails();
	}

	private void publishDetails() {
		// A copy each time: each recorded version of the node keeps the details it had then.
		recordDetail("llm_details", List.copyOf(this.llmDetails));
	}

	private static double seconds(long start) {
		return (System.nanoTime() - start) / 1e9;
	}

	/**
	 * Runs the calls as child nodes: one on this thread, several in parallel; results in the model's order. A call
	 * that cannot run is logged and recorded as a failed call of the tool.
	 */
	private List<ToolResultMessage> runTools(ExecutorConfig config, List<ToolCall> calls, int round) throws Exception {
		List<ToolBox.Prepared> prepared = calls.stream().map(this.agent.toolBox()::prepare).toList();
		String[] results = new String[prepared.size()];
		long runnable = prepared.stream().filter((call) -> call.rejection() == null).count();
		List<@Nullable CompletableFuture<?>> futures = new ArrayList<>();
		for (int i = 0; i < results.length; i++) {
			ToolBox.Prepared call = prepared.get(i);
			futures.add(null);
			InvalidToolCallException rejection = call.rejection();
			if (rejection != null) {
				logger.warn("{} (round {}, tool call id {}); {}", rejection.getMessage(), round, call.call().id(),
						config.endOnError() ? "end-on-error is on, so the run ends" : "the model is told");
			}
			try {
				// A rejected call fails at once, so it is recorded here rather than on another thread.
				if (runnable == 1 || rejection != null) {
					results[i] = resultText(Railtracks.call(call.node(), call.arguments()));
				}
				else {
					futures.set(i, Railtracks.callAsync(call.node(), call.arguments()));
				}
			}
			catch (RuntimeException ex) {
				results[i] = failureText(config, ex);
			}
		}
		for (int i = 0; i < results.length; i++) {
			CompletableFuture<?> future = futures.get(i);
			if (future == null) {
				continue;
			}
			try {
				results[i] = resultText(future.get());
			}
			catch (ExecutionException ex) {
				results[i] = failureText(config, (ex.getCause() != null) ? ex.getCause() : ex);
			}
		}
		List<ToolResultMessage> messages = new ArrayList<>(results.length);
		for (int i = 0; i < results.length; i++) {
			ToolCall call = prepared.get(i).call();
			messages.add(new ToolResultMessage(call.id(), call.name(), results[i]));
		}
		return messages;
	}

	/**
	 * A tool's failure as the model reads it, unless it ends the run: with {@code endOnError}, a fatal failure, a
	 * timeout or a cancellation the failure is thrown on.
	 */
	private static String failureText(ExecutorConfig config, Throwable failure) throws Exception {
		if (FatalException.endsRun(failure, config) || endsTheAgentBeyondTheEnginesPolicy(failure)) {
			if (failure instanceof Exception exception) {
				throw exception;
			}
			throw (Error) failure;
		}
		if (failure instanceof InvalidToolCallException rejection) {
			return TOOL_ERROR_PREFIX + rejection.toModel();
		}
		Throwable reported = (failure instanceof NodeInvocationException && failure.getCause() != null)
				? failure.getCause() : failure;
		String message = reported.getMessage();
		String type = reported.getClass().getSimpleName();
		return TOOL_ERROR_PREFIX + ((message != null) ? type + ": " + message : type);
	}

	/**
	 * The cases, beyond the engine's fatal policy, in which a tool's failure is not told to the model but ends the
	 * agent: the run itself is ending ({@link GlobalTimeoutException}, {@link CancellationException},
	 * {@link InterruptedException}), or the JVM reports an {@link Error}.
	 */
	private static boolean endsTheAgentBeyondTheEnginesPolicy(Throwable failure) {
		return failure instanceof GlobalTimeoutException || failure instanceof CancellationException
				|| failure instanceof InterruptedException || failure instanceof Error;
	}

	/**
	 * A tool's result as the model reads it: text as itself, other values as JSON, and what Jackson cannot write (or
	 * would write as an empty {@code {}}) as the placeholder the saved record shows.
	 */
	private static String resultText(@Nullable Object result) {
		if (result == null || result instanceof CharSequence || result instanceof Number || result instanceof Boolean
				|| result instanceof Character || result instanceof Enum<?> || result instanceof AgentResponse<?>) {
			return String.valueOf(result);
		}
		try {
			return RESULT_WRITER.writeValueAsString(result);
		}
		catch (Throwable ex) {
			// As for the saved record: a getter's Error (a stack overflow, a failed assertion) is the value's failure,
			// not the tool's, which succeeded. Only the JVM running out of memory or breaking gets through.
			ValueText.rethrowIfFatal(ex);
			return ValueText.unserializable(result);
		}
	}

	@SuppressWarnings("unchecked")
	private AgentResponse<T> finish(AssistantMessage answer, List<Message> history) {
		String text = (answer.content() != null) ? answer.content() : "";
		List<Message> withoutSystem = history.stream().filter((message) -> !(message instanceof SystemMessage)).toList();
		Class<T> type = this.agent.outputType();
		if (type == null) {
			return new AgentResponse<>((T) text, text, withoutSystem);
		}
		try {
			T content = ToolBox.MAPPER.readValue(withoutCodeFence(text), type);
			if (content == null) {
				throw new IllegalArgumentException("the answer is JSON null");
			}
			return new AgentResponse<>(content, text, withoutSystem);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new StructuredOutputException(name(), type, text, ex);
		}
	}

	/** Models often wrap JSON in a Markdown code fence; the fence is not part of the answer. */
	private static String withoutCodeFence(String text) {
		String trimmed = text.strip();
		if (!trimmed.startsWith("```") || !trimmed.endsWith("```") || trimmed.length() < 6) {
			return trimmed;
		}
		int firstLine = trimmed.indexOf('\n');
		return (firstLine < 0) ? trimmed : trimmed.substring(firstLine + 1, trimmed.length() - 3).strip();
	}

}

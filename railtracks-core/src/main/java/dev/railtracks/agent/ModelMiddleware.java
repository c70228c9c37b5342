package dev.railtracks.agent;

import dev.railtracks.llm.ModelRequest;
import dev.railtracks.llm.ModelResponse;

/**
 * Code around each model call of an agent, as Spring AI's advisors are around a chat client's call: it may rewrite
 * the request ({@link #before}), rewrite or reject the answer ({@link #after}), or take the whole call in hand
 * ({@link #around}): answer without calling the model, or call it again.
 *
 * <pre>{@code
 * ModelMiddleware noSecrets = new ModelMiddleware() {
 *     @Override
 *     public ModelResponse after(ModelResponse response, ModelRound round) {
 *         String text = response.message().content();
 *         if (text != null && text.contains("sk-")) {
 *             throw new ModelResponseRejectedException(round, "the answer contains an API key");
 *         }
 *         return response;
 *     }
 * };
 * Agent<String> agent = Agent.builder("planner").model(model).modelMiddleware(noSecrets).build();
 * }</pre>
 *
 * <p><b>Order.</b> An agent's middleware form an onion: the first added is the outermost; its {@code before} runs
 * first and its {@code after} last. The agent's {@link RetryPolicy} (itself a model middleware) is the innermost, so
 * every other middleware runs once per round and each retry is one more call of the model. In Spring Boot,
 * {@code ModelMiddleware} beans come first, in {@code @Order}, then those added on the builder; a {@code RetryPolicy}
 * bean is the agents' retry policy rather than one more middleware.
 *
 * <p><b>What is recorded.</b> Each call that reaches the model is one entry of the agent node's
 * {@code llm_details} (the request as the model received it, the model's own answer) and one
 * {@code railtracks.model.call} observation. A round answered by a middleware without calling the model is one entry
 * with no {@code model_provider} (the answer's {@code model_name}, if it names one) and no observation. The answer
 * the agent goes on with is the one the chain returns: a rewritten answer appears in the next round's input and the
 * agent's result.
 *
 * <p><b>Failures.</b> What a middleware throws fails the round and so the agent: an {@link AgentException} (such as
 * {@link ModelResponseRejectedException}) as it is, an {@link Error} or an {@link InterruptedException} unwrapped, any
 * other exception wrapped in a {@link ModelCallException} naming the agent and the round. A {@code null} request or
 * answer (or an answer without a message or usage) fails the round with a {@link ModelCallException} naming the
 * middleware; {@link ModelChain#call} made on another thread than the agent's fails with an
 * {@link IllegalStateException} naming the agent, the round and the middleware. Implementations must be safe to use
 * from several agents at once.
 */
public interface ModelMiddleware {

	/**
	 * Runs before the rest of the chain; the default passes the request on unchanged.
	 * @param request the request the agent (or an outer middleware) built
	 * @param round the agent, round and model
	 * @return the request to pass on, not {@code null}
	 */
	default ModelRequest before(ModelRequest request, ModelRound round) {
		return request;
	}

	/**
	 * Runs after the rest of the chain answered; the default returns the answer unchanged. Throw
	 * {@link ModelResponseRejectedException} to reject it.
	 * @param response the answer of the rest of the chain
	 * @param round the agent, round and model
	 * @return the answer to give back, not {@code null}
	 */
	default ModelResponse after(ModelResponse response, ModelRound round) {
		return response;
	}

	/**
	 * The whole call: by default {@link #before}, then the rest of the chain, then {@link #after}. Override it to
	 * answer without calling {@code chain}, or to call it more than once.
	 * @param request the request
	 * @param chain the rest of the chain
	 * @return the answer, not {@code null}
	 * @throws InterruptedException when the agent's run ends during the call; pass it on
	 */
	default ModelResponse around(ModelRequest request, ModelChain chain) throws InterruptedException {
		return after(chain.call(before(request, chain.round())), chain.round());
	}

}

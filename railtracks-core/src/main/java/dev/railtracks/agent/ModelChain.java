package dev.railtracks.agent;

import dev.railtracks.llm.ModelRequest;
import dev.railtracks.llm.ModelResponse;

/**
 * The rest of a model round's middleware chain, as one {@link ModelMiddleware#around} sees it: the middleware after
 * it and, at the end, the agent's model.
 */
public interface ModelChain {

	/**
	 * The round this chain serves.
	 * @return the agent, round number and model
	 */
	ModelRound round();

	/**
	 * Passes a request on to the next middleware, or to the model at the end of the chain. May be called more than
	 * once (each call reaching the model is one recorded and observed model call), or not at all (the middleware
	 * answers itself), on the thread that runs the middleware: the agent records its model calls in order.
	 * @param request the request; not {@code null}
	 * @return the answer, never {@code null}
	 * @throws InterruptedException when the agent's run ends (timeout, fatal failure, cancellation) during the call
	 * @throws ModelCallException when a middleware further on returns {@code null} or the model's answer is unusable
	 * @throws IllegalStateException when called on another thread than the agent's, which records the model calls
	 * and carries the agent's observation
	 */
	ModelResponse call(ModelRequest request) throws InterruptedException;

}

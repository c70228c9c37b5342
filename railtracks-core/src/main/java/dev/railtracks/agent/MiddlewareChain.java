package dev.railtracks.agent;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.railtracks.llm.ModelRequest;
import dev.railtracks.llm.ModelResponse;

/**
 * One position in a round's chain of {@link ModelMiddleware}: the middleware from {@code index} on, then the model.
 * A position is made for each call, so a middleware may call the rest of the chain any number of times, on the
 * agent's thread.
 */
final class MiddlewareChain implements ModelChain {

	/** The end of the chain: one recorded and observed call of the model. */
	@FunctionalInterface
	interface ModelCaller {

		ModelResponse call(ModelRequest request) throws InterruptedException;

	}

	private final List<ModelMiddleware> middleware;

	private final int index;

	private final ModelRound round;

	/** The agent's thread: the node's record, its scope and the current observation belong to it. */
	private final Thread thread;

	private final ModelCaller model;

	MiddlewareChain(List<ModelMiddleware> middleware, int index, ModelRound round, Thread thread, ModelCaller model) {
		this.middleware = middleware;
		this.index = index;
		this.round = round;
		this.thread = thread;
		this.model = model;
	}

	@Override
	public ModelRound round() {
		return this.round;
	}

	@Override
	public ModelResponse call(ModelRequest request) throws InterruptedException {
		if (Thread.currentThread() != this.thread) {
			throw new IllegalStateException("Agent '" + this.round.agentName() + "': model middleware " + caller()
					+ " called ModelChain.call on thread '" + Thread.currentThread().getName() + "' in round "
					+ this.round.number() + "; call it on the agent's thread '" + this.thread.getName()
					+ "', which records the model calls and carries the agent's observation");
		}
		if (request == null) {
			throw new ModelCallException(this.round.agentName(), "Agent '" + this.round.agentName()
					+ "': model middleware " + caller() + " passed on a null request in round " + this.round.number());
		}
		if (this.index == this.middleware.size()) {
			return this.model.call(request);
		}
		ModelMiddleware current = this.middleware.get(this.index);
		ModelResponse response = current.around(request,
				new MiddlewareChain(this.middleware, this.index + 1, this.round, this.thread, this.model));
		String unusable = unusable(response);
		if (unusable != null) {
			throw new ModelCallException(this.round.agentName(), "Agent '" + this.round.agentName()
					+ "': model middleware " + current + " returned " + unusable + " in round " + this.round.number()
					+ "; a ModelMiddleware must return a ModelResponse with an assistant message and a usage");
		}
		return response;
	}

	/** The middleware whose {@code around} holds this position; the agent itself holds the first. */
	private ModelMiddleware caller() {
		return this.middleware.get(this.index - 1);
	}

	/**
	 * What is wrong with an answer the agent cannot go on with.
	 * @param response a model's or a middleware's answer
	 * @return {@code "null"}, {@code "a response without a message"} or {@code "a response without a usage"}; or
	 * {@code null} when the answer is usable
	 */
	static @Nullable String unusable(@Nullable ModelResponse response) {
		if (response == null) {
			return "null";
		}
		if (response.message() == null) {
			return "a response without a message";
		}
		return (response.usage() == null) ? "a response without a usage" : null;
	}

}

package dev.railtracks.agent;

import java.util.List;

import dev.railtracks.llm.ModelRequest;
import dev.railtracks.llm.ModelResponse;

/**
 * One position in a round's chain of {@link ModelMiddleware}: the middleware from {@code index} on, then the model.
 * A position is made for each call, so a middleware may call the rest of the chain any number of times.
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

	private final ModelCaller model;

	MiddlewareChain(List<ModelMiddleware> middleware, int index, ModelRound round, ModelCaller model) {
		this.middleware = middleware;
		this.index = index;
		this.round = round;
		this.model = model;
	}

	@Override
	public ModelRound round() {
		return this.round;
	}

	@Override
	public ModelResponse call(ModelRequest request) throws InterruptedException {
		if (request == null) {
			throw new ModelCallException(this.round.agentName(), "Agent '" + this.round.agentName()
					+ "': model middleware " + this.middleware.get(this.index - 1) + " passed on a null request in round "
					+ this.round.number());
		}
		if (this.index == this.middleware.size()) {
			return this.model.call(request);
		}
		ModelMiddleware current = this.middleware.get(this.index);
		ModelResponse response = current.around(request,
				new MiddlewareChain(this.middleware, this.index + 1, this.round, this.model));
		if (response == null || response.message() == null) {
			throw new ModelCallException(this.round.agentName(), "Agent '" + this.round.agentName()
					+ "': model middleware " + current + " returned "
					+ ((response == null) ? "null" : "a response without a message") + " in round "
					+ this.round.number() + "; a ModelMiddleware must return a ModelResponse with an assistant message");
		}
		return response;
	}

}

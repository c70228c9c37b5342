package dev.railtracks.agent;

/**
 * A {@link ModelMiddleware} refused the model's answer. The round fails with this exception, which a
 * {@link RetryPolicy} does not retry, and so does the agent; the refused answer stays in the model call's
 * {@code llm_details} entry.
 */
public class ModelResponseRejectedException extends ModelCallException {

	private static final long serialVersionUID = 1L;

	/**
	 * The answer of the round's model was rejected.
	 * @param round the round, as the middleware was given it
	 * @param reason why, in words for the person reading the record
	 */
	public ModelResponseRejectedException(ModelRound round, String reason) {
		super(round.agentName(), "Agent '" + round.agentName() + "': the answer of model " + round.model().provider()
				+ "/" + round.model().modelName() + " in round " + round.number() + " was rejected: " + reason);
	}

}

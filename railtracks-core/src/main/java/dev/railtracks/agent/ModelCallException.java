package dev.railtracks.agent;

/**
 * An agent's model call failed and was not (or no longer) retried.
 */
public class ModelCallException extends AgentException {

	private static final long serialVersionUID = 1L;

	/**
	 * The model call failed.
	 * @param agentName the agent
	 * @param message what happened
	 * @param cause the model's failure
	 */
	public ModelCallException(String agentName, String message, Throwable cause) {
		super(agentName, message, cause);
	}

	/**
	 * The model call failed without an exception of its own: its answer was unusable.
	 * @param agentName the agent
	 * @param message what the model answered and what it should have
	 */
	public ModelCallException(String agentName, String message) {
		super(agentName, message, null);
	}

}

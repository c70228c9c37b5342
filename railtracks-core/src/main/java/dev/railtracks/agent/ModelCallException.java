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

}

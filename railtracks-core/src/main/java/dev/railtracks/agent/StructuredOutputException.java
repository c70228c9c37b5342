package dev.railtracks.agent;

/**
 * An agent's final answer did not fit its output type.
 */
public class StructuredOutputException extends AgentException {

	private static final long serialVersionUID = 1L;

	/**
	 * The answer did not fit.
	 * @param agentName the agent
	 * @param outputType the type it should have filled
	 * @param answer the model's answer
	 * @param cause why it did not fit
	 */
	public StructuredOutputException(String agentName, Class<?> outputType, String answer, Throwable cause) {
		super(agentName, "Agent '" + agentName + "': the model's answer does not fit " + outputType.getName() + ": "
				+ cause.getMessage() + " (answer: " + abbreviate(answer) + ")", cause);
	}

	private static String abbreviate(String text) {
		return (text.length() <= 200) ? text : text.substring(0, 197) + "...";
	}

}

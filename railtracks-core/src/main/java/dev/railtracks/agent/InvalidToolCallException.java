package dev.railtracks.agent;

/**
 * A tool call of an agent's model that could not run: the tool is unknown, or the arguments are not JSON, not an
 * object, lack a parameter, have keys the tool does not take, or hold a value of the wrong type. The agent answers the
 * model with what was wrong and goes on, and records the call as a failed child node carrying this exception (with
 * {@code endOnError} the run ends with it, as with any failure).
 *
 * <p>The {@linkplain #getMessage() message} names the agent, the tool, and what was wrong, with the keys involved but
 * no argument values: it is logged, and arguments may hold a user's data. The model is told more (the values it sent
 * and Jackson's reading of them), since they are its own.
 */
public class InvalidToolCallException extends AgentException {

	private static final long serialVersionUID = 1L;

	private final String toolName;

	private final String toModel;

	/**
	 * A rejected tool call.
	 * @param agentName the agent
	 * @param toolName the tool the model called, as it named it
	 * @param problems what was wrong, without argument values
	 * @param toModel what the model is told: the same, with the values it sent
	 */
	public InvalidToolCallException(String agentName, String toolName, String problems, String toModel) {
		super(agentName, "Agent '" + agentName + "' rejected its model's call of tool '" + toolName + "': " + problems,
				null);
		this.toolName = toolName;
		this.toModel = toModel;
	}

	/**
	 * The tool the model called.
	 * @return its name as the model wrote it
	 */
	public String toolName() {
		return this.toolName;
	}

	/**
	 * What the model is told went wrong, after the prefix every tool failure has.
	 * @return the problems with the values the model sent
	 */
	public String toModel() {
		return this.toModel;
	}

	/**
	 * No stack trace: the failure is the model's input, and the trace would only show the agent reading it, once per
	 * rejected call in the log and the saved record.
	 */
	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

}

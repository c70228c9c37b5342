package dev.railtracks.agent;

/**
 * An agent's model still asked for tools after the agent's bound of model rounds.
 */
public class MaxRoundsExceededException extends AgentException {

	private static final long serialVersionUID = 1L;

	private final int maxRounds;

	/**
	 * The bound was reached.
	 * @param agentName the agent
	 * @param maxRounds its bound
	 * @param pendingTools the tools the model asked for in its last round
	 */
	public MaxRoundsExceededException(String agentName, int maxRounds, String pendingTools) {
		super(agentName, "Agent '" + agentName + "' reached its bound of " + maxRounds
				+ " model round(s) and the model still asks for tools (" + pendingTools
				+ "); raise Agent.Builder.maxRounds (railtracks.agent.max-rounds in Spring Boot) or give the model clearer"
				+ " instructions", null);
		this.maxRounds = maxRounds;
	}

	/**
	 * The bound that was reached.
	 * @return the agent's maximum number of model rounds
	 */
	public int maxRounds() {
		return this.maxRounds;
	}

}

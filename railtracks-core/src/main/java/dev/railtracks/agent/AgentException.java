package dev.railtracks.agent;

import org.jspecify.annotations.Nullable;

import dev.railtracks.RailtracksException;

/**
 * An agent could not finish: its model failed, it ran out of rounds, or its answer did not fit its output type.
 */
public class AgentException extends RailtracksException {

	private static final long serialVersionUID = 1L;

	private final String agentName;

	/**
	 * An agent failure.
	 * @param agentName the agent
	 * @param message what happened and what to do
	 * @param cause the underlying failure, or {@code null}
	 */
	public AgentException(String agentName, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.agentName = agentName;
	}

	/**
	 * The agent that failed.
	 * @return its name
	 */
	public String agentName() {
		return this.agentName;
	}

}

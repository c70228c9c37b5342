package dev.railtracks.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What a {@code railtracks.model.call} observation knows about one model call of an agent.
 */
public class ModelCallObservationContext extends Observation.Context {

	private final String agentName;

	private final String modelName;

	private final String provider;

	private final int round;

	private @Nullable Integer inputTokens;

	private @Nullable Integer outputTokens;

	private @Nullable String outcome;

	/**
	 * Creates the context.
	 * @param agentName the calling agent's name
	 * @param modelName the model's name
	 * @param provider the model's provider
	 * @param round which model round of the agent this is, from 1
	 */
	public ModelCallObservationContext(String agentName, String modelName, String provider, int round) {
		this.agentName = agentName;
		this.modelName = modelName;
		this.provider = provider;
		this.round = round;
	}

	/**
	 * The calling agent's name.
	 * @return the name
	 */
	public String getAgentName() {
		return this.agentName;
	}

	/**
	 * The model's name.
	 * @return the name
	 */
	public String getModelName() {
		return this.modelName;
	}

	/**
	 * The model's provider.
	 * @return the provider
	 */
	public String getProvider() {
		return this.provider;
	}

	/**
	 * The agent's model round, from 1.
	 * @return the round
	 */
	public int getRound() {
		return this.round;
	}

	/**
	 * Input tokens the provider reported, once the call returned.
	 * @return the count, or {@code null} when unknown
	 */
	public @Nullable Integer getInputTokens() {
		return this.inputTokens;
	}

	/**
	 * Output tokens the provider reported, once the call returned.
	 * @return the count, or {@code null} when unknown
	 */
	public @Nullable Integer getOutputTokens() {
		return this.outputTokens;
	}

	/**
	 * Sets the reported token usage.
	 * @param inputTokens input tokens, or {@code null}
	 * @param outputTokens output tokens, or {@code null}
	 */
	public void setTokens(@Nullable Integer inputTokens, @Nullable Integer outputTokens) {
		this.inputTokens = inputTokens;
		this.outputTokens = outputTokens;
	}

	/**
	 * How the call ended: {@code success} or {@code failure}; {@code null} while running.
	 * @return the outcome
	 */
	public @Nullable String getOutcome() {
		return this.outcome;
	}

	/**
	 * Sets how the call ended.
	 * @param outcome {@code success} or {@code failure}
	 */
	public void setOutcome(String outcome) {
		this.outcome = outcome;
	}

}

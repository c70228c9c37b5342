package dev.railtracks.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import dev.railtracks.observation.RailtracksObservationDocumentation.ModelCallHighCardinalityKeys;
import dev.railtracks.observation.RailtracksObservationDocumentation.ModelCallLowCardinalityKeys;

/**
 * Default naming and tagging of model call observations: name {@code railtracks.model.call}, contextual name
 * {@code chat <model>}. Agent, model, provider and outcome are low-cardinality keys (bounded by the application's
 * configuration); token counts and the round are high-cardinality. Override one {@code protected} method to change
 * one key.
 */
public class DefaultModelCallObservationConvention implements ModelCallObservationConvention {

	/** The observation name. */
	public static final String DEFAULT_NAME = "railtracks.model.call";

	/** A shared instance. */
	public static final DefaultModelCallObservationConvention INSTANCE = new DefaultModelCallObservationConvention();

	@Override
	public String getName() {
		return DEFAULT_NAME;
	}

	@Override
	public String getContextualName(ModelCallObservationContext context) {
		return "chat " + context.getModelName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ModelCallObservationContext context) {
		return KeyValues.of(agentName(context), modelName(context), provider(context), outcome(context));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(ModelCallObservationContext context) {
		return KeyValues.of(inputTokens(context), outputTokens(context), round(context));
	}

	/**
	 * The {@code railtracks.agent.name} key.
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue agentName(ModelCallObservationContext context) {
		return KeyValue.of(ModelCallLowCardinalityKeys.AGENT_NAME, context.getAgentName());
	}

	/**
	 * The {@code railtracks.model.name} key.
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue modelName(ModelCallObservationContext context) {
		return KeyValue.of(ModelCallLowCardinalityKeys.MODEL_NAME, context.getModelName());
	}

	/**
	 * The {@code railtracks.model.provider} key.
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue provider(ModelCallObservationContext context) {
		return KeyValue.of(ModelCallLowCardinalityKeys.PROVIDER, context.getProvider());
	}

	/**
	 * The {@code outcome} key: {@code success}, {@code failure}, or none while running.
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue outcome(ModelCallObservationContext context) {
		String outcome = context.getOutcome();
		return KeyValue.of(ModelCallLowCardinalityKeys.OUTCOME, (outcome != null) ? outcome : KeyValue.NONE_VALUE);
	}

	/**
	 * The {@code railtracks.model.input.tokens} key, none when unknown.
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue inputTokens(ModelCallObservationContext context) {
		Integer tokens = context.getInputTokens();
		return KeyValue.of(ModelCallHighCardinalityKeys.INPUT_TOKENS,
				(tokens != null) ? tokens.toString() : KeyValue.NONE_VALUE);
	}

	/**
	 * The {@code railtracks.model.output.tokens} key, none when unknown.
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue outputTokens(ModelCallObservationContext context) {
		Integer tokens = context.getOutputTokens();
		return KeyValue.of(ModelCallHighCardinalityKeys.OUTPUT_TOKENS,
				(tokens != null) ? tokens.toString() : KeyValue.NONE_VALUE);
	}

	/**
	 * The {@code railtracks.model.round} key.
	 * @param context the observation context
	 * @return the key value
	 */
	protected KeyValue round(ModelCallObservationContext context) {
		return KeyValue.of(ModelCallHighCardinalityKeys.ROUND, Integer.toString(context.getRound()));
	}

}

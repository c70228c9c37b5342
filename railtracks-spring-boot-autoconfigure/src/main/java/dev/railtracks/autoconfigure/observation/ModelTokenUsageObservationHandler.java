package dev.railtracks.autoconfigure.observation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.jspecify.annotations.Nullable;

import dev.railtracks.observation.ModelCallObservationContext;

/**
 * Counts the tokens of every agent model call in the {@code railtracks.model.tokens} counter, tagged with
 * {@code railtracks.token.type} ({@code input} or {@code output}), {@code railtracks.model.name},
 * {@code railtracks.model.provider} and {@code railtracks.agent.name}. Deliberately not
 * {@code gen_ai.client.token.usage}, which Spring AI and LangChain4j already register with other meter types.
 *
 * @author Railtracks
 * @since 0.1.0
 */
public final class ModelTokenUsageObservationHandler implements ObservationHandler<ModelCallObservationContext> {

	/** The counter's name. */
	public static final String METER_NAME = "railtracks.model.tokens";

	private final MeterRegistry registry;

	/**
	 * A handler counting into a registry.
	 * @param registry the registry
	 */
	public ModelTokenUsageObservationHandler(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void onStop(ModelCallObservationContext context) {
		count(context, "input", context.getInputTokens());
		count(context, "output", context.getOutputTokens());
	}

	private void count(ModelCallObservationContext context, String type, @Nullable Integer tokens) {
		if (tokens == null) {
			return;
		}
		Counter.builder(METER_NAME)
			.description("Tokens used by agent model calls")
			.baseUnit("tokens")
			.tag("railtracks.token.type", type)
			.tag("railtracks.model.name", context.getModelName())
			.tag("railtracks.model.provider", context.getProvider())
			.tag("railtracks.agent.name", context.getAgentName())
			.register(this.registry)
			.increment(tokens);
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ModelCallObservationContext;
	}

}

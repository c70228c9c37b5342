package dev.railtracks.llm;

/**
 * A chat model as agents see it: one request, one response. Implementations must be safe to call from several
 * threads at once (several agents of one session may use the same model in parallel).
 *
 * <p>A model does not run tools: it only returns the tool calls it wants, and the agent runs them as nodes.
 * Failures are thrown as unchecked exceptions; throw {@link TransientModelException} (or let an
 * {@link java.io.IOException} be the cause) for failures worth retrying, such as rate limits and timeouts.
 */
public interface LanguageModel {

	/**
	 * Sends one request.
	 * @param request the conversation, tools and output schema
	 * @return the model's answer
	 */
	ModelResponse chat(ModelRequest request);

	/**
	 * The model's name, recorded with each call ({@code model_name}) unless a response names another.
	 * @return the name
	 */
	String modelName();

	/**
	 * The provider, recorded with each call ({@code model_provider}) and used as an observation key.
	 * @return a short lower-case name such as {@code openai}, {@code anthropic} or {@code scripted}
	 */
	String provider();

	/**
	 * This model, with each answer's cost taken from a price table when the provider reports none.
	 * @param prices the prices by model name
	 * @return a model that answers as this one does, with {@link ModelResponse#totalCost()} filled in
	 */
	default LanguageModel withPrices(ModelPrices prices) {
		if (prices == null) {
			throw new IllegalArgumentException("Prices must not be null: use ModelPrices.NONE for none");
		}
		return new PricedLanguageModel(this, prices);
	}

}

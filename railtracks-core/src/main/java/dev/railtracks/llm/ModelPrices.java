package dev.railtracks.llm;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Prices by model name, so that each recorded model call carries its cost ({@code llm_details[].total_cost}) when the
 * provider does not report one:
 *
 * <pre>{@code
 * LanguageModel priced = model.withPrices(ModelPrices.of(Map.of(
 *         "gpt-4o-mini", new ModelPrice(0.15, 0.60),
 *         "claude-sonnet-4-5", new ModelPrice(3.00, 15.00))));
 * }</pre>
 *
 * A call is priced by the name of the model that answered (as the provider reports it, e.g. a dated version), else by
 * the model asked for ({@link ModelOptions#model()}), else by {@link LanguageModel#modelName()}. In Spring Boot the
 * same table is {@code railtracks.agent.pricing.<model>.input-per-million} and {@code .output-per-million}.
 */
public final class ModelPrices {

	/** No prices: costs stay unknown. */
	public static final ModelPrices NONE = new ModelPrices(Map.of());

	private final Map<String, ModelPrice> byModel;

	private ModelPrices(Map<String, ModelPrice> byModel) {
		this.byModel = byModel;
	}

	/**
	 * A price table.
	 * @param byModel the price of each model, by its name; copied
	 * @return the table
	 * @throws IllegalArgumentException when a name is blank or a price is missing
	 */
	public static ModelPrices of(Map<String, ModelPrice> byModel) {
		byModel.forEach((model, price) -> {
			if (model == null || model.isBlank() || price == null) {
				throw new IllegalArgumentException("Model prices need a name and a price for each model but had '"
						+ model + "' = " + price);
			}
		});
		return new ModelPrices(Map.copyOf(byModel));
	}

	/**
	 * The price of a model.
	 * @param model the model's name
	 * @return its price, or {@code null} when the table has none
	 */
	public @Nullable ModelPrice priceOf(@Nullable String model) {
		return (model != null) ? this.byModel.get(model) : null;
	}

	/**
	 * Whether the table has no prices.
	 * @return {@code true} when it is empty
	 */
	public boolean isEmpty() {
		return this.byModel.isEmpty();
	}

	/**
	 * The cost of a call, when the response has none and a price is known.
	 * @param request what was asked
	 * @param response the answer
	 * @param defaultModel the model's own name, the last name looked up
	 * @return the response, with its cost when it could be priced
	 */
	ModelResponse price(ModelRequest request, ModelResponse response, String defaultModel) {
		if (response.totalCost() != null) {
			return response;
		}
		ModelPrice price = priceOf(response.modelName());
		if (price == null) {
			price = priceOf(request.options().model());
		}
		if (price == null) {
			price = priceOf(defaultModel);
		}
		return (price != null) ? response.withTotalCost(price.cost(response.usage())) : response;
	}

	@Override
	public String toString() {
		return "ModelPrices" + this.byModel;
	}

}

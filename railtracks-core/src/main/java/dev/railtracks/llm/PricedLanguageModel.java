package dev.railtracks.llm;

/**
 * A model whose answers carry their cost from a price table ({@link LanguageModel#withPrices(ModelPrices)}).
 */
final class PricedLanguageModel implements LanguageModel {

	private final LanguageModel model;

	private final ModelPrices prices;

	PricedLanguageModel(LanguageModel model, ModelPrices prices) {
		this.model = model;
		this.prices = prices;
	}

	@Override
	public ModelResponse chat(ModelRequest request) {
		return this.prices.price(request, this.model.chat(request), this.model.modelName());
	}

	@Override
	public String modelName() {
		return this.model.modelName();
	}

	@Override
	public String provider() {
		return this.model.provider();
	}

	@Override
	public String toString() {
		return this.model + " priced by " + this.prices;
	}

}

package dev.railtracks.benchmarks.springai;

import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.stereotype.Component;

import dev.railtracks.samples.springweb.TripTools;

/**
 * The demo's trip tools as Spring AI {@code @Tool} methods: the same answers (from {@link TripTools}), the currency
 * from the request's tool context where the demo reads its session's context.
 */
@Component
public class PlainTripTools {

	/** The tool context key of the budget's currency, filled by {@link PlainPlanController}. */
	static final String CURRENCY = "currency";

	private final TripTools demo = new TripTools();

	/**
	 * The forecast for a city.
	 * @param city the city
	 * @return the forecast
	 */
	@Tool(description = "The weather forecast for a city", resultConverter = TextResult.class)
	public String weather(String city) {
		return TripTools.forecast(city);
	}

	/**
	 * What a stay costs, in the request's currency.
	 * @param city the city
	 * @param days how many days
	 * @param context the request's tool context, with the currency's code
	 * @return the estimate in whole units and the currency's code
	 */
	@Tool(description = "The cost of a stay of some days in a city", resultConverter = TextResult.class)
	public String budget(String city, int days, ToolContext context) {
		return TripTools.price(city, days, (String) context.getContext().get(CURRENCY));
	}

	/**
	 * What to pack for a forecast.
	 * @param forecast the forecast, as {@link #weather} gives it
	 * @return a packing list
	 */
	@Tool(description = "What to pack for a weather forecast", resultConverter = TextResult.class)
	public String packing(String forecast) {
		return this.demo.packing(forecast);
	}

}

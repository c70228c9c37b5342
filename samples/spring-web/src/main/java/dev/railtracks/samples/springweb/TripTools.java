package dev.railtracks.samples.springweb;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

import dev.railtracks.Railtracks;
import dev.railtracks.autoconfigure.flow.RailtracksNode;

/**
 * The trip planner's tools. Each method is a Railtracks node, so every call the model asks for is recorded in the
 * session's graph, saved state, traces and metrics. They stand in for a weather service and a price list.
 */
@Component
public class TripTools {

	/** What one euro buys in each currency the price list knows: fixed, as the tools stand in for real services. */
	private static final Map<String, Double> PER_EURO = new TreeMap<>(
			Map.of("EUR", 1.0, "USD", 1.1, "GBP", 0.85, "CHF", 0.95, "JPY", 160.0));

	/**
	 * The currencies the budget can be given in.
	 * @return their ISO codes, sorted
	 */
	public static Set<String> currencies() {
		return PER_EURO.keySet();
	}

	/**
	 * The forecast for a city.
	 * @param city the city
	 * @return the forecast
	 */
	@RailtracksNode("weather")
	public String weather(String city) {
		Railtracks.broadcast("Checking the weather in " + city);
		return forecast(city);
	}

	/**
	 * The forecast itself, outside any session (the plain Spring AI version of this app in the benchmarks uses it).
	 * @param city the city
	 * @return the forecast
	 */
	public static String forecast(String city) {
		String[] skies = { "sunny", "mild with showers", "windy and bright", "cold and clear" };
		int sky = Math.floorMod(city.toLowerCase(Locale.ROOT).hashCode(), skies.length);
		return city + ": " + skies[sky] + ", " + (12 + Math.floorMod(city.length() * 7, 15)) + " C";
	}

	/**
	 * What a stay costs, in the currency of the session's context (key {@code currency}, default EUR), which the
	 * controller fills from the request.
	 * @param city the city
	 * @param days how many days
	 * @return the estimate in whole units and the currency's code, such as {@code 570 EUR}
	 * @throws IllegalArgumentException when the price list has no such currency
	 */
	@RailtracksNode("budget")
	public String budget(String city, int days) {
		return price(city, days, Railtracks.context().get("currency", "EUR"));
	}

	/**
	 * What a stay costs in a currency, outside any session (the plain Spring AI version of this app in the
	 * benchmarks uses it).
	 * @param city the city
	 * @param days how many days
	 * @param currency one of {@link #currencies()}
	 * @return the estimate in whole units and the currency's code, such as {@code 570 EUR}
	 * @throws IllegalArgumentException when the price list has no such currency
	 */
	public static String price(String city, int days, String currency) {
		Double perEuro = PER_EURO.get(currency);
		if (perEuro == null) {
			throw new IllegalArgumentException("No prices in " + currency + "; the price list has " + currencies());
		}
		int nightly = 80 + Math.floorMod(city.length() * 13, 70);
		return Math.round(days * (nightly + 45) * perEuro) + " " + currency;
	}

	/**
	 * What to pack for a forecast.
	 * @param forecast the forecast, as {@link #weather} gives it
	 * @return a packing list
	 */
	@RailtracksNode("packing")
	public String packing(String forecast) {
		String lower = forecast.toLowerCase(Locale.ROOT);
		if (lower.contains("showers")) {
			return "an umbrella and waterproof shoes";
		}
		if (lower.contains("cold") || lower.contains("windy")) {
			return "a warm jacket and a scarf";
		}
		return "sunglasses and sunscreen";
	}

}

package dev.railtracks.samples.springweb;

import java.util.Locale;

import org.springframework.stereotype.Component;

import dev.railtracks.Railtracks;
import dev.railtracks.autoconfigure.RailtracksNode;

/**
 * The trip planner's tools. Each method is a Railtracks node, so every call the model asks for is recorded in the
 * session's graph, saved state, traces and metrics. They stand in for a weather service and a price list.
 */
@Component
public class TripTools {

	/**
	 * The forecast for a city.
	 * @param city the city
	 * @return the forecast
	 */
	@RailtracksNode("weather")
	public String weather(String city) {
		Railtracks.broadcast("Checking the weather in " + city);
		String[] skies = { "sunny", "mild with showers", "windy and bright", "cold and clear" };
		int sky = Math.floorMod(city.toLowerCase(Locale.ROOT).hashCode(), skies.length);
		return city + ": " + skies[sky] + ", " + (12 + Math.floorMod(city.length() * 7, 15)) + " C";
	}

	/**
	 * What a stay costs.
	 * @param city the city
	 * @param days how many days
	 * @return the estimate, in whole units of the session's currency
	 */
	@RailtracksNode("budget")
	public int budget(String city, int days) {
		int nightly = 80 + Math.floorMod(city.length() * 13, 70);
		return days * (nightly + 45);
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

package dev.railtracks.agent;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import dev.railtracks.FunctionNode;

/**
 * Tools the agent tests give their agents: method references, so parameter names come from the class file.
 */
final class TripTools {

	/** A season. */
	enum Season {

		/** Spring. */
		SPRING,

		/** Autumn. */
		AUTUMN

	}

	/**
	 * A stay.
	 * @param city where
	 * @param nights how many nights
	 */
	record Stay(@JsonPropertyDescription("The city to stay in") String city, int nights) {
	}

	static final FunctionNode<String> WEATHER = FunctionNode.of("weather", TripTools::weather);

	static final FunctionNode<Integer> BUDGET = FunctionNode.of("budget", TripTools::budget);

	static final FunctionNode<String> ITINERARY = FunctionNode.of("itinerary", TripTools::itinerary);

	private TripTools() {
	}

	static String weather(String city) {
		if (city.equals("Atlantis")) {
			throw new IllegalArgumentException("no forecast for Atlantis");
		}
		return "Sunny in " + city;
	}

	static int budget(int nights, int nightlyRate) {
		return nights * nightlyRate;
	}

	static String itinerary(List<Stay> stays, Season season) {
		return season + ": " + stays.stream().map((stay) -> stay.nights() + " nights in " + stay.city()).toList();
	}

}

package com.example.greeting;

import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.railtracks.autoconfigure.flow.RailtracksNode;

@Component
public class GreetingTools {

	private static final Map<String, String> LANGUAGES = Map.of("kyoto", "Japanese", "paris", "French", "rome",
			"Italian");

	private static final Map<String, String> HELLOS = Map.of("Japanese", "Konnichiwa", "French", "Bonjour",
			"Italian", "Ciao");

	// @RailtracksNode methods are nodes of type Tool: an agent runs each call of them as a recorded node.
	@RailtracksNode("language")
	public String language(String city) {
		return LANGUAGES.getOrDefault(city.toLowerCase(Locale.ROOT), "English");
	}

	@RailtracksNode("hello")
	public String hello(String language) {
		return HELLOS.getOrDefault(language, "Hello");
	}

}

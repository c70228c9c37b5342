package com.example.greeting;

import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import dev.railtracks.FunctionNode;
import dev.railtracks.Railtracks;
import dev.railtracks.autoconfigure.flow.RailtracksNode;

@Component
public class GreetingNodes {

	// A node from a function: a tool that any node can call.
	static final FunctionNode<String> CAPITALIZE = FunctionNode.of("capitalize",
			(String word) -> word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1));

	// A node from a bean method, found by name in the RailtracksNodeRegistry.
	@RailtracksNode("greeter")
	public String greet(String names) {
		List<String> capitalized = Railtracks.callBatch(CAPITALIZE, List.of(names.split(",")));
		return "Hello, " + String.join(" and ", capitalized) + "!";
	}

}

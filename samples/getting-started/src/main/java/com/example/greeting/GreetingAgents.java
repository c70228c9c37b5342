package com.example.greeting;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.railtracks.agent.Agent;
import dev.railtracks.autoconfigure.agent.AgentFactory;
import dev.railtracks.autoconfigure.flow.RailtracksNodeRegistry;

@Configuration(proxyBeanMethods = false)
public class GreetingAgents {

	// An agent with two tools; it answers with text.
	@Bean
	Agent<String> greetingWriter(AgentFactory agents, RailtracksNodeRegistry nodes) {
		return agents.builder("greeting_writer")
			.systemMessage("Greet the guest in the language of their city: look up the language, then its word for"
					+ " hello. Answer as 'language: greeting'.")
			.tool(nodes.get("language"), "The language spoken in a city")
			.tool(nodes.get("hello"), "The word for hello in a language")
			.build();
	}

	// An agent with a typed answer. An agent has tools or an output type, not both: chain the two.
	@Bean
	Agent<Card> cardWriter(AgentFactory agents) {
		return agents.builder("card_writer")
			.systemMessage("Write the greeting you are given as a card.")
			.outputType(Card.class)
			.build();
	}

}

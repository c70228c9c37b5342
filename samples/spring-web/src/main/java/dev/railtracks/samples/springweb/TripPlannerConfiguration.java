package dev.railtracks.samples.springweb;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.railtracks.agent.Agent;
import dev.railtracks.autoconfigure.agent.AgentFactory;
import dev.railtracks.autoconfigure.flow.RailtracksNodeRegistry;

/**
 * The trip planner: an agent on the application's model whose tools are the {@link TripTools} nodes. The
 * {@code {currency}} placeholder is filled from each session's context (prompt injection).
 */
@Configuration(proxyBeanMethods = false)
public class TripPlannerConfiguration {

	/**
	 * The agent's instructions, with the session's currency for {@code {currency}} (the plain Spring AI version of
	 * this app in the benchmarks gives its chat client the same).
	 */
	public static final String SYSTEM_MESSAGE = "You plan trips. Check the weather and the budget of the destination"
			+ " (in {currency}), then what to pack for that weather, and answer with a short plan that starts with"
			+ " 'Plan for' and the user's goal.";

	/**
	 * The trip-planning agent.
	 * @param agents starts agents on the application's model with the {@code railtracks.agent.*} settings
	 * @param nodes the {@code @RailtracksNode} methods
	 * @return the agent
	 */
	@Bean
	Agent<String> tripPlanner(AgentFactory agents, RailtracksNodeRegistry nodes) {
		return agents.builder("trip_planner")
			.systemMessage(SYSTEM_MESSAGE)
			.tool(nodes.get("weather"), "The weather forecast for a city")
			.tool(nodes.get("budget"), "The cost of a stay of some days in a city")
			.tool(nodes.get("packing"), "What to pack for a weather forecast")
			.build();
	}

}

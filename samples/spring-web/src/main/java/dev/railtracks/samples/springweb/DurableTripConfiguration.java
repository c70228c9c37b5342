package dev.railtracks.samples.springweb;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

import dev.railtracks.Flow;
import dev.railtracks.agent.Agent;
import dev.railtracks.agent.AgentResponse;
import dev.railtracks.autoconfigure.SessionFactory;

/**
 * The {@code durable} profile's flow: the trip planner as a durable flow, whose runs survive a crash of the JVM (see
 * {@link DurablePlanController} and {@code durable-demo.sh}). The profile's {@code application-durable.yml} turns
 * durable flows on, on the PostgreSQL of {@code .ci/postgres}.
 */
@Configuration(proxyBeanMethods = false)
@Profile("durable")
public class DurableTripConfiguration {

	/** The durable flow's name, which is its DBOS workflow's name and the prefix of its saved records. */
	public static final String TRIP_PLAN = "trip_plan";

	/**
	 * The durable trip plan: each model round and each tool call of a run is checkpointed in PostgreSQL.
	 * @param sessions makes the flow's sessions, with the application's configuration
	 * @param tripPlanner the agent
	 * @return the flow, marked durable: run it through {@code DurableFlows.get("trip_plan")}
	 */
	@Bean
	Flow<AgentResponse<String>> tripPlan(SessionFactory sessions, Agent<String> tripPlanner) {
		return sessions.flow(TRIP_PLAN, tripPlanner).context(Map.of("currency", "EUR")).durable().build();
	}

}

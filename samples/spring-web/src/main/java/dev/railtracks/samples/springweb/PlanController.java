package dev.railtracks.samples.springweb;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.railtracks.Session;
import dev.railtracks.agent.Agent;
import dev.railtracks.agent.AgentResponse;
import dev.railtracks.autoconfigure.SessionFactory;

/**
 * Runs the trip-planning agent in a new session per request.
 */
@RestController
public class PlanController {

	private final SessionFactory sessions;

	private final Agent<String> tripPlanner;

	/**
	 * A controller using the auto-configured session factory and the trip-planner agent.
	 * @param sessions the session factory
	 * @param tripPlanner the agent
	 */
	public PlanController(SessionFactory sessions, Agent<String> tripPlanner) {
		this.sessions = sessions;
		this.tripPlanner = tripPlanner;
	}

	/**
	 * Plans a goal.
	 * @param goal what to plan, ending with the destination
	 * @param currency the currency the plan's budget is in; fills the agent's {@code {currency}} placeholder
	 * @return the plan and the session that made it
	 */
	@GetMapping("/plan")
	public PlanResponse plan(@RequestParam(defaultValue = "visit Lisbon") String goal,
			@RequestParam(defaultValue = "EUR") String currency) {
		try (Session session = this.sessions.create((config) -> config.sessionName("plan"), Map.of("currency", currency))) {
			AgentResponse<?> plan = (AgentResponse<?>) session.runSync(this.tripPlanner, goal).answer();
			return new PlanResponse(session.identifier(), goal, plan.text());
		}
	}

}

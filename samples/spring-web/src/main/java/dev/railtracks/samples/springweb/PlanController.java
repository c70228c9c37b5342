package dev.railtracks.samples.springweb;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.railtracks.Session;
import dev.railtracks.autoconfigure.RailtracksNodeRegistry;
import dev.railtracks.autoconfigure.SessionFactory;

/**
 * Runs the planning workflow in a new session per request.
 */
@RestController
public class PlanController {

	private final SessionFactory sessions;

	private final RailtracksNodeRegistry nodes;

	/**
	 * A controller using the auto-configured session factory and node registry.
	 * @param sessions the session factory
	 * @param nodes the node registry
	 */
	public PlanController(SessionFactory sessions, RailtracksNodeRegistry nodes) {
		this.sessions = sessions;
		this.nodes = nodes;
	}

	/**
	 * Plans a goal.
	 * @param goal what to plan
	 * @return the plan and the session that made it
	 */
	@GetMapping("/plan")
	public PlanResponse plan(@RequestParam(defaultValue = "learn to sail") String goal) {
		try (Session session = this.sessions.create((config) -> config.sessionName("plan"))) {
			Object plan = session.runSync(this.nodes.get("planner"), goal).answer();
			return new PlanResponse(session.identifier(), goal, String.valueOf(plan));
		}
	}

}

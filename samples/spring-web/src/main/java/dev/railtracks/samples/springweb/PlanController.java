package dev.railtracks.samples.springweb;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

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

	/** Longest goal accepted: the goal ends up in prompts, logs and the saved state. */
	static final int MAX_GOAL_LENGTH = 200;

	/**
	 * Plans a goal.
	 * @param goal what to plan: 1 to {@value #MAX_GOAL_LENGTH} characters, not only spaces
	 * @return the plan and the session that made it
	 * @throws ResponseStatusException 400 when the goal is missing, blank or too long
	 */
	@GetMapping("/plan")
	public PlanResponse plan(@RequestParam(required = false) @Nullable String goal) {
		if (goal == null || goal.isBlank()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"Query parameter 'goal' is required and must not be blank, e.g. /plan?goal=visit%20Kyoto");
		}
		if (goal.length() > MAX_GOAL_LENGTH) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Query parameter 'goal' must be at most "
					+ MAX_GOAL_LENGTH + " characters but was " + goal.length());
		}
		try (Session session = this.sessions.create((config) -> config.sessionName("plan"))) {
			Object plan = session.runSync(this.nodes.get("planner"), goal).answer();
			return new PlanResponse(session.identifier(), goal, String.valueOf(plan));
		}
	}

}

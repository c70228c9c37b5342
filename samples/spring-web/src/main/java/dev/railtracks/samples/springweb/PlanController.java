package dev.railtracks.samples.springweb;

import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

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

	/** Longest goal accepted: the goal ends up in prompts, logs and the saved state. */
	static final int MAX_GOAL_LENGTH = 200;

	/**
	 * Plans a goal.
	 * @param goal what to plan, ending with the destination: 1 to {@value #MAX_GOAL_LENGTH} characters, not only
	 * spaces
	 * @param currency the currency of the plan's budget, one of {@link TripTools#currencies()} in any case: the
	 * session's context carries it to the budget tool and to the agent's {@code {currency}} placeholder
	 * @return the plan and the session that made it
	 * @throws ResponseStatusException 400 when the goal is missing, blank or too long, or the currency unknown
	 */
	@GetMapping("/plan")
	public PlanResponse plan(@RequestParam(required = false) @Nullable String goal,
			@RequestParam(defaultValue = "EUR") String currency) {
		String code = currencyCode(goal, currency);
		try (Session session = this.sessions.create((config) -> config.sessionName("plan"), Map.of("currency", code))) {
			AgentResponse<String> plan = session.call(this.tripPlanner, goal);
			return new PlanResponse(session.identifier(), goal, plan.text());
		}
	}

	/**
	 * Checks a request's parameters (the plain Spring AI version of this app in the benchmarks checks with it too).
	 * @param goal what to plan: 1 to {@value #MAX_GOAL_LENGTH} characters, not only spaces
	 * @param currency one of {@link TripTools#currencies()} in any case
	 * @return the currency's code in upper case
	 * @throws ResponseStatusException 400 when the goal is missing, blank or too long, or the currency unknown
	 */
	public static String currencyCode(@Nullable String goal, String currency) {
		if (goal == null || goal.isBlank()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"Query parameter 'goal' is required and must not be blank, e.g. /plan?goal=visit%20Kyoto");
		}
		if (goal.length() > MAX_GOAL_LENGTH) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Query parameter 'goal' must be at most "
					+ MAX_GOAL_LENGTH + " characters but was " + goal.length());
		}
		String code = currency.toUpperCase(Locale.ROOT);
		if (!TripTools.currencies().contains(code)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"Query parameter 'currency' must be one of " + TripTools.currencies() + " but was " + currency);
		}
		return code;
	}

}

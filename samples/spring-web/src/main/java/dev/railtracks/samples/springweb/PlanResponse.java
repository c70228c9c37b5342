package dev.railtracks.samples.springweb;

/**
 * The answer to {@code GET /plan}.
 *
 * @param sessionId the Railtracks session that ran the workflow; look it up at {@code /actuator/railtracks/{id}}
 * @param goal the goal
 * @param plan the plan
 */
public record PlanResponse(String sessionId, String goal, String plan) {

}

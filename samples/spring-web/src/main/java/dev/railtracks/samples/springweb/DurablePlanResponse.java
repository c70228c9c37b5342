package dev.railtracks.samples.springweb;

/**
 * The answer to {@code GET /durable/plans/{key}}.
 *
 * @param key the run's idempotency key, also its session id: its record is at {@code /actuator/railtracks/{key}}
 * @param plan the plan
 * @param modelCalls the model rounds that called the model in this JVM (rounds replayed from checkpoints are not)
 */
public record DurablePlanResponse(String key, String plan, int modelCalls) {

}

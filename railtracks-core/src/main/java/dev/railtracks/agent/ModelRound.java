package dev.railtracks.agent;

import dev.railtracks.llm.LanguageModel;

/**
 * Which model round a {@link ModelMiddleware} is working on: the agent, the round's number and the agent's model.
 *
 * @param agentName the agent's name
 * @param number the round, from 1 (a retry of a call is the same round)
 * @param model the agent's model, which the end of the chain calls
 */
public record ModelRound(String agentName, int number, LanguageModel model) {

}

/**
 * Agents: nodes that talk to a {@link dev.railtracks.llm.LanguageModel} and run the tools it asks for as child nodes.
 * Build one with {@link dev.railtracks.agent.Agent#builder(String)}.
 */
@NullMarked
package dev.railtracks.agent;

import org.jspecify.annotations.NullMarked;

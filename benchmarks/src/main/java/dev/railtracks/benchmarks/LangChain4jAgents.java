package dev.railtracks.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.langchain4j.agentic.Agent;
import dev.langchain4j.agentic.AgenticServices;
import dev.langchain4j.agentic.UntypedAgent;
import dev.langchain4j.service.V;

/**
 * The shapes as LangChain4j agentic workflows of non-AI agents. Its tutorial ("Non-AI agents") defines one as any
 * class with exactly one {@code @Agent} method: the arguments are read from the workflow's shared
 * {@code AgenticScope} by name ({@code @V}) and the result is written back under {@code outputKey}. No chat model is
 * involved. The chain is a {@code sequenceBuilder} of {@code length} such agents; the fan-out is a
 * {@code parallelMapperBuilder}, which runs one agent once per item of a list, on LangChain4j's default executor
 * (virtual threads on Java 21+, an unbounded cached pool before), and returns the results as a list.
 */
final class LangChain4jAgents {

	private static final String COUNT = "count";

	private static final String ITEMS = "items";

	private LangChain4jAgents() {
	}

	/** Adds one to the scope's count. */
	public static final class Increment {

		@Agent(description = "adds one to the count", outputKey = COUNT)
		public int increment(@V(COUNT) int count) {
			return Work.increment(count);
		}

	}

	/** Sleeps, then counts one. */
	public static final class Sleeper {

		@Agent(description = "sleeps", outputKey = "slept")
		public int sleep(@V("millis") int millis) {
			return Work.sleep(millis);
		}

	}

	/** A sequence of {@code length} {@link Increment} agents; invoked with a count of 0 it returns the last count. */
	static UntypedAgent chain(int length) {
		List<Increment> agents = new ArrayList<>(length);
		for (int i = 0; i < length; i++) {
			agents.add(new Increment());
		}
		// The workflow's result is read from the scope: an outputKey of its own would clash with the agents' int.
		return AgenticServices.sequenceBuilder().subAgents(agents).output((scope) -> scope.readState(COUNT)).build();
	}

	/** Maps {@code agent} over the items passed to {@link #fanOut(UntypedAgent, int, int)}. */
	static UntypedAgent mapper(Object agent) {
		return AgenticServices.parallelMapperBuilder().subAgents(agent).itemsProvider(ITEMS).build();
	}

	/** Runs a mapper over {@code width} copies of {@code item} and sums the results. */
	static int fanOut(UntypedAgent mapper, int width, int item) {
		List<?> results = (List<?>) mapper.invoke(Map.of(ITEMS, Collections.nCopies(width, item)));
		return results.stream().mapToInt((result) -> (Integer) result).sum();
	}

	/** Runs a chain from a count of 0 and returns the final count. */
	static int count(UntypedAgent chain) {
		return (Integer) chain.invoke(Map.of(COUNT, 0));
	}

}

package dev.railtracks.benchmarks;

import java.util.Map;
import java.util.function.IntUnaryOperator;

import org.bsc.langgraph4j.CompileConfig;
import org.bsc.langgraph4j.CompiledGraph;
import org.bsc.langgraph4j.GraphStateException;
import org.bsc.langgraph4j.RunnableConfig;
import org.bsc.langgraph4j.StateGraph;
import org.bsc.langgraph4j.action.AsyncNodeAction;
import org.bsc.langgraph4j.state.AgentState;
import org.bsc.langgraph4j.state.Channels;

import static org.bsc.langgraph4j.StateGraph.END;
import static org.bsc.langgraph4j.StateGraph.START;
import static org.bsc.langgraph4j.action.AsyncNodeAction.node_async;

/**
 * The shapes as LangGraph4j graphs, written the way its documentation writes them: a {@link StateGraph} of
 * {@link AgentState} with the default state serializer (which copies the state before every node), nodes added with
 * {@code node_async}, parallel branches as several edges out of one node that meet again in a join node.
 */
final class LangGraph4jGraphs {

	private static final String COUNT = "count";

	private static final String PARENT = "parent";

	private static final String JOIN = "join";

	/** A chain node: adds one to the count. */
	private static final AsyncNodeAction<AgentState> INCREMENT = node_async(
			(state) -> Map.of(COUNT, Work.increment(state.<Integer>value(COUNT).orElseThrow())));

	/** Runs the parent's branches on {@link ThreadPerTask}; without it they would run one after another. */
	static final RunnableConfig PARALLEL = RunnableConfig.builder()
		.addParallelNodeExecutor(PARENT, ThreadPerTask.EXECUTOR)
		.build();

	private LangGraph4jGraphs() {
	}

	/** START, then {@code length} nodes one after another, each adding one to the count, then END. */
	static CompiledGraph<AgentState> chain(int length) throws GraphStateException {
		StateGraph<AgentState> graph = new StateGraph<>(Map.of(), AgentState::new);
		String previous = START;
		for (int i = 1; i <= length; i++) {
			String node = "node" + i;
			graph.addNode(node, INCREMENT);
			graph.addEdge(previous, node);
			previous = node;
		}
		graph.addEdge(previous, END);
		// Every node is one step, and so are START and END; the default limit is 25.
		return graph.compile(CompileConfig.builder().recursionLimit(length + 10).build());
	}

	/**
	 * A parent with {@code width} parallel children, each applying {@code child} to {@code item}, joined again; a
	 * summing channel adds their results into the count, the cheapest way to collect them.
	 */
	static CompiledGraph<AgentState> fanOut(int width, IntUnaryOperator child, int item) throws GraphStateException {
		StateGraph<AgentState> graph = new StateGraph<>(Map.of(COUNT, Channels.base(Integer::sum, () -> 0)),
				AgentState::new);
		graph.addNode(PARENT, node_async((state) -> Map.of()));
		graph.addNode(JOIN, node_async((state) -> Map.of()));
		graph.addEdge(START, PARENT);
		for (int i = 1; i <= width; i++) {
			String node = "child" + i;
			graph.addNode(node, node_async((state) -> Map.of(COUNT, child.applyAsInt(item))));
			graph.addEdge(PARENT, node);
			graph.addEdge(node, JOIN);
		}
		graph.addEdge(JOIN, END);
		return graph.compile();
	}

	/** Runs a graph from a count of 0 and returns the final count. */
	static int count(CompiledGraph<AgentState> graph, RunnableConfig config) {
		return graph.invoke(Map.of(COUNT, 0), config).orElseThrow().<Integer>value(COUNT).orElseThrow();
	}

}

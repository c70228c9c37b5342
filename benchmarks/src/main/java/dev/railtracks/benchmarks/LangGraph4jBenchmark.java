package dev.railtracks.benchmarks;

import org.bsc.langgraph4j.CompiledGraph;
import org.bsc.langgraph4j.GraphStateException;
import org.bsc.langgraph4j.RunnableConfig;
import org.bsc.langgraph4j.state.AgentState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * LangGraph4j's chain and fan-out; the graphs are built and compiled once, outside the measured time, as an
 * application would.
 */
public class LangGraph4jBenchmark extends SizedBenchmark {

	private CompiledGraph<AgentState> chain;

	private CompiledGraph<AgentState> fanOut;

	@Setup
	public void compileGraphs() throws GraphStateException {
		this.chain = LangGraph4jGraphs.chain(this.n);
		this.fanOut = LangGraph4jGraphs.fanOut(this.n, Work::increment, 0);
	}

	@Benchmark
	public int chain() {
		return LangGraph4jGraphs.count(this.chain, RunnableConfig.empty());
	}

	@Benchmark
	public int fanOut() {
		return LangGraph4jGraphs.count(this.fanOut, LangGraph4jGraphs.PARALLEL);
	}

}

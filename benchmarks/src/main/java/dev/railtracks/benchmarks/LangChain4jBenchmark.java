package dev.railtracks.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

import dev.langchain4j.agentic.UntypedAgent;

/**
 * LangChain4j agentic's chain and fan-out of non-AI agents; the workflows are built once, outside the measured time,
 * as an application would.
 */
public class LangChain4jBenchmark extends SizedBenchmark {

	private UntypedAgent chain;

	private UntypedAgent fanOut;

	@Setup
	public void buildWorkflows() {
		this.chain = LangChain4jAgents.chain(this.n);
		this.fanOut = LangChain4jAgents.mapper(new LangChain4jAgents.Increment());
	}

	@Benchmark
	public int chain() {
		return LangChain4jAgents.count(this.chain);
	}

	@Benchmark
	public int fanOut() {
		return LangChain4jAgents.fanOut(this.fanOut, this.n, 0);
	}

}

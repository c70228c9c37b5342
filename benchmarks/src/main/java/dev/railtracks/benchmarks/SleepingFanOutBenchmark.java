package dev.railtracks.benchmarks;

import java.util.concurrent.TimeUnit;

import org.bsc.langgraph4j.CompiledGraph;
import org.bsc.langgraph4j.GraphStateException;
import org.bsc.langgraph4j.state.AgentState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.langchain4j.agentic.UntypedAgent;
import dev.railtracks.Railtracks;

/**
 * Wall time of {@value #WIDTH} children that each sleep {@value Work#SLEEP_MILLIS} ms, fanned out by each library
 * and by the floor (a thread per task): the ideal is {@value Work#SLEEP_MILLIS} ms, as if every child had its own
 * thread. On Java 21+ Railtracks' children, LangChain4j's default executor and {@link ThreadPerTask} use virtual
 * threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(1)
public class SleepingFanOutBenchmark {

	static final int WIDTH = 1000;

	private CompiledGraph<AgentState> graph;

	private UntypedAgent mapper;

	@Setup
	public void build() throws GraphStateException {
		this.graph = LangGraph4jGraphs.fanOut(WIDTH, Work::sleep, Work.SLEEP_MILLIS);
		this.mapper = LangChain4jAgents.mapper(new LangChain4jAgents.Sleeper());
	}

	@Benchmark
	public int railtracks(FreshSession session) {
		return Railtracks.call(BenchmarkNodes.SLEEPING_FAN_OUT, WIDTH);
	}

	@Benchmark
	public int langGraph4j() {
		return LangGraph4jGraphs.count(this.graph, LangGraph4jGraphs.PARALLEL);
	}

	@Benchmark
	public int langChain4j() {
		return LangChain4jAgents.fanOut(this.mapper, WIDTH, Work.SLEEP_MILLIS);
	}

	@Benchmark
	public Floors.CallRecord[] threadPerTaskFloor() throws InterruptedException {
		return Floors.recordedFanOut(ThreadPerTask.EXECUTOR, Work::sleep, WIDTH, Work.SLEEP_MILLIS);
	}

}

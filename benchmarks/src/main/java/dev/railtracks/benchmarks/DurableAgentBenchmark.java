package dev.railtracks.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.railtracks.Flow;
import dev.railtracks.agent.Agent;
import dev.railtracks.agent.AgentResponse;
import dev.railtracks.durable.Durability;
import dev.railtracks.durable.DurableFlow;
import dev.railtracks.llm.ModelRequest;
import dev.railtracks.llm.ModelResponse;
import dev.railtracks.llm.ScriptedModel;

/**
 * What durability costs an agent run: an agent over a model that answers at once asks for {@code tools} tool calls,
 * one a round, then answers ({@code tools + 1} model rounds), as a plain flow and as a durable one whose agent
 * checkpoints its model rounds ({@link Durability#modelRounds()}): then the run is the agent's call, each round and
 * each tool call a DBOS step. The 5-tool run's durable minus plain time is the "within 25 ms" figure; the
 * difference between 5 tools and 0, divided by 5, is the cost of one model round and its tool call.
 *
 * <p>Needs the PostgreSQL of {@code .ci/postgres} (or {@code RAILTRACKS_TEST_POSTGRES_URL}); each trial creates a
 * database of its own there and drops it afterwards.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DurableAgentBenchmark {

	/** Tool calls per run, one per model round, before the answer. */
	@Param({ "0", "5" })
	public int tools;

	/** {@code plain} or {@code durable}. */
	@Param({ "plain", "durable" })
	public String flow;

	private DurableTrial trial;

	private Flow<AgentResponse<String>> plain;

	private DurableFlow<AgentResponse<String>> durable;

	@Setup(Level.Trial)
	public void start() {
		this.trial = new DurableTrial();
		Durability durability = this.trial.durability("bench-1");
		Agent<String> agent = Agent.builder("tool_agent")
			.model(ScriptedModel.of(this::answer))
			.tool(BenchmarkNodes.CHILD, "Adds one")
			.maxRounds(this.tools + 1)
			.modelMiddleware(durability.modelRounds())
			.build();
		this.plain = Flow.builder("agent", agent).config(BenchmarkNodes.CONFIG).build();
		this.durable = durability.register(this.plain);
		durability.launch();
	}

	private ModelResponse answer(ModelRequest request) {
		// the user message, then an assistant turn and a tool result per round so far
		return (request.messages().size() < 2 * this.tools + 1) ? AgentLoopBenchmark.TOOL_CALL
				: AgentLoopBenchmark.ANSWER;
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.trial.close();
	}

	/** One agent run: {@code tools + 1} model rounds and {@code tools} tool calls. */
	@Benchmark
	public AgentResponse<String> agentRun() {
		return "durable".equals(this.flow) ? this.durable.invoke(DurableFlow.newKey(), "go") : this.plain.invoke("go");
	}

}

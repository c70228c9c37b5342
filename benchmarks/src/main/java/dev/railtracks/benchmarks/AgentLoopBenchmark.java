package dev.railtracks.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import dev.railtracks.Railtracks;
import dev.railtracks.agent.Agent;
import dev.railtracks.agent.AgentResponse;
import dev.railtracks.llm.ModelRequest;
import dev.railtracks.llm.ModelResponse;
import dev.railtracks.llm.ScriptedModel;
import dev.railtracks.llm.ToolCall;

/**
 * Overhead of the agent loop per model round, over a model that answers at once: a {@link ScriptedModel} asks for one
 * tool call per round for {@value #ROUNDS} rounds, then answers. JMH divides each sample by the rounds, so a figure is
 * one round: building the request, recording {@code llm_details}, observing (no-op registry), reading the tool call's
 * JSON arguments, running the tool as a recorded child node, and appending the result. {@link #textAnswer} is one
 * round with no tool: the agent node itself plus one model call. Each invocation runs in a fresh session.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AgentLoopBenchmark {

	static final int ROUNDS = 20;

	static final ModelResponse TOOL_CALL = ModelResponse
		.toolCalls(new ToolCall("call", "child", "{\"arg0\": 41}"))
		.withUsage(100, 10);

	static final ModelResponse ANSWER = ModelResponse.text("done").withUsage(100, 2);

	/** Built once: building an agent generates its tools' JSON schemas, which is no part of a round. */
	static final Agent<String> TOOL_AGENT = Agent.builder("looping_agent")
		.model(ScriptedModel.of(AgentLoopBenchmark::answer))
		.tool(BenchmarkNodes.CHILD, "Adds one")
		.maxRounds(ROUNDS)
		.build();

	static final Agent<String> TEXT_AGENT = Agent.builder("answering_agent")
		.model(ScriptedModel.of((request) -> ANSWER))
		.build();

	static ModelResponse answer(ModelRequest request) {
		// user message, then an assistant turn and a tool result per round so far
		return (request.messages().size() < 2 * ROUNDS - 1) ? TOOL_CALL : ANSWER;
	}

	@Benchmark
	@OperationsPerInvocation(ROUNDS)
	public AgentResponse<String> toolRounds(FreshSession session) {
		return Railtracks.call(TOOL_AGENT, "go");
	}

	@Benchmark
	public AgentResponse<String> textAnswer(FreshSession session) {
		return Railtracks.call(TEXT_AGENT, "go");
	}

}

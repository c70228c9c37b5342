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

import dev.railtracks.ExecutorConfig;
import dev.railtracks.FunctionNode;
import dev.railtracks.LoggingSetting;
import dev.railtracks.Railtracks;
import dev.railtracks.Session;

/**
 * Overhead of one synchronous nested call: a parent node makes {@code calls} calls of a trivial child; the score
 * divided by {@code calls} is the cost of one recorded call (creation, recording of two versions, two messages,
 * scope switch, invocation).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NestedCallBenchmark {

	static final FunctionNode<Integer> CHILD = FunctionNode.of("child", (Integer i) -> i + 1);

	static final FunctionNode<Integer> PARENT = FunctionNode.of("parent", (Integer calls) -> {
		int sum = 0;
		for (int i = 0; i < calls; i++) {
			sum += Railtracks.call(CHILD, i);
		}
		return sum;
	});

	@Param("1000")
	int calls;

	Session session;

	@Setup(Level.Invocation)
	public void open() {
		this.session = new Session(ExecutorConfig.builder().saveState(false).loggingSetting(LoggingSetting.NONE).build());
	}

	@TearDown(Level.Invocation)
	public void close() {
		this.session.close();
	}

	@Benchmark
	public Object nestedCalls() {
		return this.session.runSync(PARENT, this.calls).answer();
	}

}

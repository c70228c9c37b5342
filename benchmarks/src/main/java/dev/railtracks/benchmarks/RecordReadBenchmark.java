package dev.railtracks.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.railtracks.Session;
import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.info.LinkedNode;
import dev.railtracks.info.RequestTemplate;

/**
 * Reading the forests of a recorded run of {@link #nodes} nodes (one parent and its fanned-out children) as a
 * visualiser does: a held {@link ExecutionInfo} read again and again (its node forest walked, every node looked up by
 * id), and a new snapshot of a running session read once ({@link #walkNodeForestOfANewSnapshot()}), which pays for
 * whatever a first read builds. Its graph and JSON are {@link SerializationBenchmark}'s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RecordReadBenchmark {

	@Param({ "100000" })
	public int nodes;

	private ExecutionInfo held;

	private OpenRun running;

	@Setup
	public void recordRuns() throws InterruptedException {
		try (Session finished = new Session(BenchmarkNodes.CONFIG)) {
			this.held = finished.runSync(BenchmarkNodes.FAN_OUT, this.nodes - 1);
		}
		this.running = new OpenRun(this.nodes);
	}

	@TearDown
	public void closeSession() {
		this.running.close();
	}

	@Benchmark
	public long walkNodeForest() {
		return walk(this.held);
	}

	@Benchmark
	public long lookUpEveryNodeById() {
		long steps = 0;
		for (RequestTemplate request : this.held.requestForest().heads().values()) {
			steps += this.held.nodeForest().get(request.sinkId()).stamp().step();
		}
		return steps;
	}

	@Benchmark
	public long walkNodeForestOfANewSnapshot() {
		return walk(this.running.info());
	}

	private static long walk(ExecutionInfo info) {
		long steps = 0;
		for (LinkedNode node : info.nodeForest().heads().values()) {
			steps += node.stamp().step();
		}
		return steps;
	}

}

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

/**
 * Taking an {@link ExecutionInfo} snapshot of a session that has recorded {@link #nodes} nodes (one parent and its
 * fanned-out children): {@link #info()} while the parent is still running, so every snapshot is built anew, and
 * {@link #infoOfAFinishedRun()} after the run finished, when the session hands out the snapshot it already took.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SnapshotBenchmark {

	@Param({ "10000", "100000" })
	public int nodes;

	private OpenRun running;

	private Session finished;

	@Setup
	public void recordRuns() throws InterruptedException {
		this.running = new OpenRun(this.nodes);
		this.finished = new Session(BenchmarkNodes.CONFIG);
		this.finished.runSync(BenchmarkNodes.FAN_OUT, this.nodes - 1);
	}

	@TearDown
	public void closeSessions() {
		this.running.close();
		this.finished.close();
	}

	@Benchmark
	public ExecutionInfo info() {
		return this.running.info();
	}

	@Benchmark
	public ExecutionInfo infoOfAFinishedRun() {
		return this.finished.info();
	}

}

package dev.railtracks.benchmarks;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
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

import dev.railtracks.FunctionNode;
import dev.railtracks.Railtracks;
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

	private Session running;

	private Session finished;

	private final CountDownLatch release = new CountDownLatch(1);

	private CompletableFuture<ExecutionInfo> run;

	@Setup
	public void recordRuns() throws InterruptedException {
		CountDownLatch recorded = new CountDownLatch(1);
		FunctionNode<Integer> fanOutThenWait = FunctionNode.of("fan_out_then_wait", (Integer width) -> {
			int sum = Railtracks.call(BenchmarkNodes.FAN_OUT, width);
			recorded.countDown();
			this.release.await();
			return sum;
		});
		this.running = new Session(BenchmarkNodes.CONFIG);
		this.run = this.running.run(fanOutThenWait, this.nodes - 2);
		recorded.await();
		this.finished = new Session(BenchmarkNodes.CONFIG);
		this.finished.runSync(BenchmarkNodes.FAN_OUT, this.nodes - 1);
	}

	@TearDown
	public void closeSessions() {
		this.release.countDown();
		this.run.join();
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

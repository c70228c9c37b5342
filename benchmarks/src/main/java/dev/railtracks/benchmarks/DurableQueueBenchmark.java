package dev.railtracks.benchmarks;

import java.time.Duration;
import java.util.Collections;
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
import dev.railtracks.FunctionNode;
import dev.railtracks.durable.Durability;
import dev.railtracks.durable.DurableFlow;
import dev.railtracks.durable.DurableQueue;

/**
 * Queue throughput: a durable run sends {@code n} trivial children ({@link BenchmarkNodes#CHILD}) through a durable
 * queue without limits, polled every {@code pollMillis}, on one instance, and sums their results. The figure is the
 * time per run; children per second is {@code n} divided by it. Each child is a DBOS child workflow (enqueued,
 * dequeued, run with its own step, its outcome read back and checkpointed in the run).
 *
 * <p>Needs the PostgreSQL of {@code .ci/postgres} (or {@code RAILTRACKS_TEST_POSTGRES_URL}); each trial creates a
 * database of its own there and drops it afterwards.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class DurableQueueBenchmark {

	/** Sends its children through the queue {@code bench} and sums their results. */
	private static final FunctionNode<Integer> FAN_OUT = FunctionNode.of("queued_fan_out",
			(Integer width) -> DurableQueue.callBatch("bench", BenchmarkNodes.CHILD, Collections.nCopies(width, 0))
				.stream()
				.mapToInt(Integer::intValue)
				.sum());

	/** Children per run. */
	@Param({ "50" })
	public int n;

	/** How often the instance looks for children to start, in milliseconds. */
	@Param({ "20" })
	public int pollMillis;

	private DurableTrial trial;

	private DurableFlow<Integer> flow;

	@Setup(Level.Trial)
	public void start() {
		this.trial = new DurableTrial();
		Durability durability = this.trial.durability("bench-1")
			.queue(DurableQueue.named("bench").pollingInterval(Duration.ofMillis(this.pollMillis)))
			.registerNode(BenchmarkNodes.CHILD, BenchmarkNodes.CONFIG);
		this.flow = durability.register(Flow.builder("queued", FAN_OUT).config(BenchmarkNodes.CONFIG).build());
		durability.launch();
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.trial.close();
	}

	/** One run: {@code n} children through the queue. */
	@Benchmark
	public int queuedBatch() {
		return this.flow.invoke(DurableFlow.newKey(), this.n);
	}

}

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
import dev.railtracks.durable.Durability;
import dev.railtracks.durable.DurableFlow;

/**
 * What durability costs per node call: the chain of {@link BenchmarkNodes#CHAIN} ({@code n} calls under a root) as a
 * plain flow and as a durable one (each call a DBOS step in PostgreSQL), a new run (a new idempotency key) per
 * operation. The cost per checkpointed call is the difference divided by {@code n + 1} (the root is a call too).
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
public class DurableFlowBenchmark {

	/** Calls per run under the root. */
	@Param({ "10" })
	public int n;

	/** {@code plain} or {@code durable}. */
	@Param({ "plain", "durable" })
	public String flow;

	private DurableTrial trial;

	private Flow<Integer> plain;

	private DurableFlow<Integer> durable;

	@Setup(Level.Trial)
	public void start() {
		this.trial = new DurableTrial();
		this.plain = Flow.builder("chain", BenchmarkNodes.CHAIN).config(BenchmarkNodes.CONFIG).build();
		Durability durability = this.trial.durability("bench-1");
		this.durable = durability.register(this.plain);
		durability.launch();
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.trial.close();
	}

	/** One run of the chain: {@code n + 1} node calls, checkpointed when {@link #flow} is {@code durable}. */
	@Benchmark
	public int chain() {
		return "durable".equals(this.flow) ? this.durable.invoke(DurableFlow.newKey(), this.n)
				: this.plain.invoke(this.n);
	}

}

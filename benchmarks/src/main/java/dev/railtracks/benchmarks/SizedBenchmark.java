package dev.railtracks.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The settings shared by the chain and fan-out benchmarks of every library and floor, so their results line up: one
 * operation is one whole run of {@link #n} nodes, sampled, in microseconds. JMH cannot divide by a parameter, so the
 * cost per node is the score divided by {@code n} ({@code benchmarks/per-node.jq} does it). The default sizes are
 * those every library can run; Railtracks and the floors also run at {@code -p n=100000,1000000}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public abstract class SizedBenchmark {

	/** Nodes per run: the chain's length or the fan-out's width. */
	@Param({ "100", "1000", "10000" })
	public int n;

}

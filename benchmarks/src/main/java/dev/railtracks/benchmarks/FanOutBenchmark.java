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

/**
 * Cost per child of a parallel fan-out of {@value #WIDTH} trivial children with {@code callBatch}, including
 * recording every child and collecting the results in input order.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FanOutBenchmark {

	static final int WIDTH = 10_000;


	@Benchmark
	@OperationsPerInvocation(WIDTH)
	public int fanOut(FreshSession session) {
		return Railtracks.call(BenchmarkNodes.FAN_OUT_PARENT, WIDTH);
	}

}

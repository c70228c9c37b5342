package dev.railtracks.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import dev.railtracks.Railtracks;

/**
 * Wall time of {@value #WIDTH} children that each sleep 100 ms, fanned out with {@code callBatch}: the ideal is
 * 100 ms, as if every child had its own thread. On Java 21+ the children run on virtual threads.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(1)
public class SleepingFanOutBenchmark {

	static final int WIDTH = 1000;


	@Benchmark
	public List<Integer> sleepingFanOut(FreshSession session) {
		return Railtracks.call(BenchmarkNodes.SLEEPING_FAN_OUT, WIDTH);
	}

}

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
 * Overhead of one synchronous nested call. A parent node makes {@value #CALLS} calls of a trivial child; JMH divides
 * each sample by that, so the percentiles are per recorded call: node creation, two versions of the node and the
 * request, two stamps, two published messages, the scope switch and the invocation.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NestedCallBenchmark {

	static final int CALLS = 1000;


	@Benchmark
	@OperationsPerInvocation(CALLS)
	public int nestedCall(FreshSession session) {
		return Railtracks.call(BenchmarkNodes.SEQUENTIAL_PARENT, CALLS);
	}

}

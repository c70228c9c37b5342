package dev.railtracks.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;

import dev.railtracks.Railtracks;

/**
 * Railtracks' chain and fan-out, each a top-level call in a fresh session: every child is a recorded node (creation,
 * two versions of the node and its request, two stamps, two published messages, the scope switch, the invocation).
 */
public class RailtracksBenchmark extends SizedBenchmark {

	/** {@code n} synchronous nested calls, one after another, each passing its result to the next. */
	@Benchmark
	public int chain(FreshSession session) {
		return Railtracks.call(BenchmarkNodes.CHAIN, this.n);
	}

	/** One callBatch of {@code n} children. */
	@Benchmark
	public int fanOut(FreshSession session) {
		return Railtracks.call(BenchmarkNodes.FAN_OUT, this.n);
	}

}

package dev.railtracks.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import dev.railtracks.Session;
import dev.railtracks.info.ExecutionInfo;

/**
 * The fixed cost of one session run, what a web request pays per session whatever its graph: create a session,
 * {@code runSync} one trivial node, close it.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SessionRunBenchmark {

	@Benchmark
	public ExecutionInfo sessionRun() {
		try (Session session = new Session(BenchmarkNodes.CONFIG)) {
			return session.runSync(BenchmarkNodes.CHILD, 0);
		}
	}

}

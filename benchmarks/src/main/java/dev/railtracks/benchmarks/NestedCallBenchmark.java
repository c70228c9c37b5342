package dev.railtracks.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.railtracks.Railtracks;
import dev.railtracks.Session;

/**
 * Overhead of one synchronous nested call. A parent node makes {@value #CALLS} calls of a trivial child; JMH divides
 * each sample by that, so the percentiles are per recorded call: node creation, two versions of the node and the
 * request, two stamps, two published messages, the scope switch and the invocation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NestedCallBenchmark {

	static final int CALLS = 1000;

	private Session session;

	@Setup(Level.Invocation)
	public void openSession() {
		// A fresh session per invocation keeps the recorded history (and the heap) from growing across samples.
		this.session = new Session(BenchmarkNodes.CONFIG);
	}

	@TearDown(Level.Invocation)
	public void closeSession() {
		this.session.close();
	}

	@Benchmark
	@OperationsPerInvocation(CALLS)
	public int nestedCall() {
		return Railtracks.call(BenchmarkNodes.SEQUENTIAL_PARENT, CALLS);
	}

}

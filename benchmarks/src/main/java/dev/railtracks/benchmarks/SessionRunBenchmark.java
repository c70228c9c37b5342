package dev.railtracks.benchmarks;

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
import org.openjdk.jmh.annotations.Warmup;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.Session;
import dev.railtracks.info.ExecutionInfo;

/**
 * The fixed cost of one session run, what a web request pays per session whatever its graph: create a session,
 * {@code runSync} one trivial node, close it. {@code timed=true} runs it under the default timeout, as sessions do
 * unless told otherwise (a Spring Boot application's {@code railtracks.timeout} included).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class SessionRunBenchmark {

	/** Whether the session has a timeout (the default one) or none. */
	@Param({ "false", "true" })
	public boolean timed;

	private ExecutorConfig config;

	@Setup
	public void configure() {
		this.config = this.timed ? BenchmarkNodes.CONFIG.toBuilder().timeout(ExecutorConfig.DEFAULT_TIMEOUT).build()
				: BenchmarkNodes.CONFIG;
	}

	@Benchmark
	public ExecutionInfo sessionRun() {
		try (Session session = new Session(this.config)) {
			return session.runSync(BenchmarkNodes.CHILD, 0);
		}
	}

}

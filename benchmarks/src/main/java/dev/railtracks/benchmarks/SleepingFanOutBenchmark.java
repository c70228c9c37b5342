package dev.railtracks.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.railtracks.Railtracks;
import dev.railtracks.Session;

/**
 * Wall time of {@value #WIDTH} children that each sleep 100 ms, fanned out with {@code callBatch}: the ideal is
 * 100 ms, as if every child had its own thread. On Java 21+ the children run on virtual threads.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(1)
public class SleepingFanOutBenchmark {

	static final int WIDTH = 1000;

	private Session session;

	@Setup(Level.Invocation)
	public void openSession() {
		this.session = new Session(BenchmarkNodes.CONFIG);
	}

	@TearDown(Level.Invocation)
	public void closeSession() {
		this.session.close();
	}

	@Benchmark
	public List<Integer> sleepingFanOut() {
		return Railtracks.call(BenchmarkNodes.SLEEPING_FAN_OUT, WIDTH);
	}

}

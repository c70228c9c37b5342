package dev.railtracks.benchmarks;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import dev.railtracks.Session;

/**
 * A new session, bound to the benchmark thread, for every invocation: the recorded history (and the heap) never
 * grows across samples, and {@code Railtracks.call} on the benchmark thread is a top-level call of this session.
 * Opening and closing it is outside the measured time.
 */
@State(Scope.Thread)
public class FreshSession {

	/**
	 * Whether nodes are observed ({@link BenchmarkNodes#OBSERVED_CONFIG}); {@code -p observed=false,true} measures
	 * what the observation path adds.
	 */
	@Param({ "false" })
	public boolean observed;

	private Session session;

	@Setup(Level.Invocation)
	public void open() {
		this.session = new Session(this.observed ? BenchmarkNodes.OBSERVED_CONFIG : BenchmarkNodes.CONFIG);
	}

	@TearDown(Level.Invocation)
	public void close() {
		this.session.close();
	}

}

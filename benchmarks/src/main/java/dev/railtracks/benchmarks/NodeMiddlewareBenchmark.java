package dev.railtracks.benchmarks;

import java.util.concurrent.atomic.LongAdder;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.NodeMiddleware;
import dev.railtracks.Railtracks;
import dev.railtracks.Session;

/**
 * What node middleware costs per node call, on the chain and fan-out of {@link RailtracksBenchmark}: {@code none}
 * (nothing configured: the engine's path as without middleware), {@code passThrough} (one session middleware that only
 * proceeds: the chain itself) and {@code counting} (one session middleware that reads the call and counts it).
 */
public class NodeMiddlewareBenchmark extends SizedBenchmark {

	/** Counts the calls {@code counting} sees, so that its work is not optimised away. */
	static final LongAdder CALLS = new LongAdder();

	/** A session per invocation, as {@link FreshSession}, with the middleware of {@link #middleware}. */
	@State(Scope.Thread)
	public static class MiddlewareSession {

		/** Which middleware the session has. */
		@Param({ "none", "passThrough", "counting" })
		public String middleware;

		private ExecutorConfig config;

		private Session session;

		@Setup(Level.Trial)
		public void configure() {
			this.config = switch (this.middleware) {
				case "none" -> BenchmarkNodes.CONFIG;
				case "passThrough" -> BenchmarkNodes.CONFIG.toBuilder().addNodeMiddleware((call) -> call.proceed()).build();
				case "counting" -> BenchmarkNodes.CONFIG.toBuilder().addNodeMiddleware(counting()).build();
				default -> throw new IllegalArgumentException("Unknown middleware " + this.middleware);
			};
		}

		private static NodeMiddleware counting() {
			return (call) -> {
				if (!call.arguments().isEmpty()) {
					CALLS.increment();
				}
				return call.proceed();
			};
		}

		@Setup(Level.Invocation)
		public void open() {
			this.session = new Session(this.config);
		}

		@TearDown(Level.Invocation)
		public void close() {
			this.session.close();
		}

	}

	/** {@code n} synchronous calls, one after another, each through the session's middleware. */
	@Benchmark
	public int chain(MiddlewareSession session) {
		return Railtracks.call(BenchmarkNodes.CHAIN, this.n);
	}

	/** One callBatch of {@code n} children, each through the session's middleware. */
	@Benchmark
	public int fanOut(MiddlewareSession session) {
		return Railtracks.call(BenchmarkNodes.FAN_OUT, this.n);
	}

}

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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.railtracks.Session;
import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.info.Graph;
import dev.railtracks.info.SessionDocument;

/**
 * Serialising a recorded run of {@link #nodes} nodes (one parent and its fanned-out children): its graph
 * ({@link ExecutionInfo#toGraph()}), the graph JSON of {@link ExecutionInfo#graphSerialization()} and the
 * saved-session document written on close, which also splits the run and computes its steps.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SerializationBenchmark {

	@Param({ "10000" })
	public int nodes;

	private Session session;

	private ExecutionInfo info;

	@Setup
	public void recordRun() {
		this.session = new Session(BenchmarkNodes.CONFIG);
		this.info = this.session.runSync(BenchmarkNodes.FAN_OUT, this.nodes - 1);
	}

	@TearDown
	public void closeSession() {
		this.session.close();
	}

	@Benchmark
	public Graph toGraph() {
		return this.info.toGraph();
	}

	@Benchmark
	public String graphSerialization() {
		return this.info.graphSerialization();
	}

	@Benchmark
	public String savedSessionDocument() {
		return new SessionDocument(this.session.identifier(), "benchmark", this.session.startNanos(),
				this.session.startNanos() + 1_000_000, this.info).toJson();
	}

}

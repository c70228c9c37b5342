package dev.railtracks.benchmarks;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The plain-JDK floors of the chain and the fan-out (see {@link Floors}). The fan-out's pool has one thread per core,
 * the best a CPU-bound fan-out can use.
 */
public class FloorBenchmark extends SizedBenchmark {

	private ExecutorService pool;

	@Setup
	public void startPool() {
		this.pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
	}

	@TearDown
	public void stopPool() {
		this.pool.shutdown();
	}

	/** Plain calls: what the chain would cost if nothing were recorded. */
	@Benchmark
	public int plainCall() {
		return Floors.chain(Work::increment, this.n);
	}

	/** The recorded inline call floor: a call plus one small record appended to a list. */
	@Benchmark
	public List<Floors.CallRecord> recordedCall() {
		return Floors.recordedChain(Work::increment, this.n);
	}

	/**
	 * The recorded call floor keeping about as much live data per call as a finished Railtracks request (160 B against
	 * 164 B: the 48-byte record, a 24-byte pair holding it and an 88-byte array): how much of the cost per node at a
	 * million nodes is the garbage collector copying what is kept, whoever keeps it.
	 */
	@Benchmark
	public List<Object[]> recordedCallKeepingEngineSizedRecords() {
		return Floors.recordedChainKeeping(Work::increment, this.n, 88);
	}

	/** The recorded pool fan-out floor. */
	@Benchmark
	public Floors.CallRecord[] recordedPoolFanOut() throws InterruptedException {
		return Floors.recordedFanOut(this.pool, Work::increment, this.n, 0);
	}

}

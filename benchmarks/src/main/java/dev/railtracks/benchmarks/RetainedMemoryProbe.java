package dev.railtracks.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

import dev.railtracks.Session;
import dev.railtracks.info.ExecutionInfo;

/**
 * Measures the heap retained per recorded node: runs fan-outs of trivial children in one open session, so every
 * node, request, version and stamp stays reachable from the session, and compares the live heap after full GCs
 * before and after. Memory is not a timing target, so this is a plain program rather than a JMH benchmark.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.railtracks.benchmarks.RetainedMemoryProbe}
 */
public final class RetainedMemoryProbe {

	private static final int NODES_PER_RUN = 10_000;

	private static final int RUNS = 20;

	private RetainedMemoryProbe() {
	}

	public static void main(String[] args) throws InterruptedException {
		// Warm up the engine's classes and JIT so that class metadata does not count as retained by nodes.
		try (Session warmUp = new Session(BenchmarkNodes.CONFIG)) {
			warmUp.runSync(BenchmarkNodes.FAN_OUT_PARENT, NODES_PER_RUN);
		}
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long before = liveHeap(memory);
		try (Session session = new Session(BenchmarkNodes.CONFIG)) {
			for (int i = 0; i < RUNS; i++) {
				session.runSync(BenchmarkNodes.FAN_OUT_PARENT, NODES_PER_RUN - 1);
			}
			long after = liveHeap(memory);
			ExecutionInfo info = session.info();
			int nodes = info.nodeForest().size();
			System.out.printf("recorded nodes: %d%nretained bytes: %d%nretained bytes per node: %.0f%n", nodes,
					after - before, (after - before) / (double) nodes);
		}
	}

	private static long liveHeap(MemoryMXBean memory) throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(100);
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

}

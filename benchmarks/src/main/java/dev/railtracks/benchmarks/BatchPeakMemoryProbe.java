package dev.railtracks.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import dev.railtracks.FunctionNode;
import dev.railtracks.Railtracks;
import dev.railtracks.Session;
import dev.railtracks.info.ExecutionInfo;

/**
 * Measures the heap a million-child batch holds while it runs: the live heap (after full GCs) at eleven checkpoints
 * of the batch, children {@code 0, n/10, ..., n-1}, each measured by the child itself as it runs, less the heap
 * before the run (the inputs already allocated); and the JVM's highest used heap during the run (garbage included,
 * so it depends on the collector's sizing). The highest checkpoint is the batch's peak; the last one is what the
 * finished children's record and outcomes keep. A plain program, not a JMH benchmark: memory is not a timing target.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.railtracks.benchmarks.BatchPeakMemoryProbe [n]}
 * (default 1 000 000). It uses only the public API, so the same source measures an older engine too.
 */
public final class BatchPeakMemoryProbe {

	private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

	private static final int CHECKPOINTS = 10;

	private static final AtomicLong PEAK_LIVE = new AtomicLong();

	private static volatile int width;

	/** Child {@code i}: measures the live heap at the checkpoints, otherwise returns at once. */
	private static final FunctionNode<Integer> CHILD = FunctionNode.of("child", (Integer i) -> {
		int n = width;
		if (i % Math.max(1, n / CHECKPOINTS) == 0 || i == n - 1) {
			long live = liveHeap();
			PEAK_LIVE.accumulateAndGet(live, Math::max);
			System.out.printf("  child %,d: live heap %,d MB%n", i, live >> 20);
		}
		return i;
	});

	private static final FunctionNode<Integer> BATCH = FunctionNode.of("batch",
			(List<Integer> inputs) -> Railtracks.callBatch(CHILD, inputs).size());

	private BatchPeakMemoryProbe() {
	}

	public static void main(String[] args) {
		int n = (args.length > 0) ? Integer.parseInt(args[0]) : 1_000_000;
		// Warm up the engine's classes and JIT on a small batch, without the checkpoints' GCs.
		width = Integer.MAX_VALUE;
		try (Session warmUp = new Session(BenchmarkNodes.CONFIG)) {
			warmUp.runSync(BATCH, IntStream.range(1, 10_000).boxed().toList());
		}
		width = n;
		List<Integer> inputs = IntStream.range(0, n).boxed().toList();
		long before = liveHeap();
		resetPeakUsage();
		ExecutionInfo info;
		try (Session session = new Session(BenchmarkNodes.CONFIG)) {
			info = session.runSync(BATCH, inputs);
		}
		long maxUsed = peakUsedHeap();
		long held = liveHeap() - before;
		System.out.printf("%,d children: peak live heap during the batch %,d MB (%.0f B/child); "
				+ "highest used heap %,d MB; finished info held %.0f B/child (%d requests)%n", n,
				(PEAK_LIVE.get() - before) >> 20, (PEAK_LIVE.get() - before) / (double) n, maxUsed >> 20,
				held / (double) n, info.requestForest().size());
	}

	private static long liveHeap() {
		for (int i = 0; i < 2; i++) {
			System.gc();
		}
		return MEMORY.getHeapMemoryUsage().getUsed();
	}

	private static void resetPeakUsage() {
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				pool.resetPeakUsage();
			}
		}
	}

	/** The sum of the heap pools' peaks: an upper bound of the heap used at once, garbage included. */
	private static long peakUsedHeap() {
		long sum = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				sum += pool.getPeakUsage().getUsed();
			}
		}
		return sum;
	}

}

package dev.railtracks.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.function.IntUnaryOperator;

/**
 * What the shapes cost with no engine at all: the same child work called directly by the JDK. An engine that records
 * every node cannot beat the recorded floors; the distance to them is its overhead.
 */
final class Floors {

	private Floors() {
	}

	/**
	 * The least a recorded node can keep: which node, called by which, with what input and output, and when it
	 * started and ended. Six fields, 48 bytes with compressed pointers.
	 */
	record CallRecord(int node, int caller, int input, int output, long startNanos, long endNanos) {
	}

	/** {@code length} plain calls of {@code child}, each taking the previous one's result. */
	static int chain(IntUnaryOperator child, int length) {
		int count = 0;
		for (int i = 0; i < length; i++) {
			count = child.applyAsInt(count);
		}
		return count;
	}

	/** The same chain, appending one {@link CallRecord} per call to a list, as a recording engine must. */
	static List<CallRecord> recordedChain(IntUnaryOperator child, int length) {
		List<CallRecord> records = new ArrayList<>();
		int count = 0;
		for (int node = 1; node <= length; node++) {
			long start = System.nanoTime();
			int output = child.applyAsInt(count);
			records.add(new CallRecord(node, 0, count, output, start, System.nanoTime()));
			count = output;
		}
		return records;
	}

	/**
	 * The chain keeping, per call, a {@link CallRecord} and {@code extraBytes} more of live data in a second object (a
	 * {@code long[]}): what the heap does with a record as large as an engine's, whatever the engine does.
	 */
	static List<Object[]> recordedChainKeeping(IntUnaryOperator child, int length, int extraBytes) {
		List<Object[]> records = new ArrayList<>();
		// An array's header is 16 bytes; the rest is its longs.
		int longs = Math.max(0, (extraBytes - 16) / 8);
		int count = 0;
		for (int node = 1; node <= length; node++) {
			long start = System.nanoTime();
			int output = child.applyAsInt(count);
			records.add(new Object[] { new CallRecord(node, 0, count, output, start, System.nanoTime()), new long[longs] });
			count = output;
		}
		return records;
	}

	/**
	 * {@code width} calls of {@code child} on {@code item} handed to {@code pool}, each recording one
	 * {@link CallRecord} into its slot, and the caller waiting for all of them.
	 */
	static CallRecord[] recordedFanOut(Executor pool, IntUnaryOperator child, int width, int item)
			throws InterruptedException {
		CallRecord[] records = new CallRecord[width];
		CountDownLatch done = new CountDownLatch(width);
		for (int i = 0; i < width; i++) {
			int node = i + 1;
			pool.execute(() -> {
				long start = System.nanoTime();
				int output = child.applyAsInt(item);
				records[node - 1] = new CallRecord(node, 0, item, output, start, System.nanoTime());
				done.countDown();
			});
		}
		done.await();
		return records;
	}

}

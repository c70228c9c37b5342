package dev.railtracks.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

import dev.railtracks.Session;
import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.info.LinkedNode;
import dev.railtracks.info.RequestTemplate;

/**
 * Measures the heap a recorded node keeps, comparing the live heap after full GCs before and after:
 * <ul>
 * <li>in an open session, after fan-outs of trivial children, so that every node, request, version and stamp stays
 * reachable from the session;</li>
 * <li>in the finished {@link ExecutionInfo} that {@code runSync} returned, which is what users keep, held after the
 * session is closed, at 10 000 and 100 000 nodes: first as returned, then again after it was read as a visualiser,
 * the actuator or the saved state read it (its forests walked and looked up by id, its graph, stamps and JSON made
 * and dropped);</li>
 * <li>after that info is dropped too: the info and the session must then be collected and the heap back where it
 * was.</li>
 * </ul>
 * The probe exits with status 1 when something stays pinned, or when the held info, read or not, keeps more than
 * {@value #RETAINED_LIMIT_BYTES_PER_NODE} B per node.
 * Memory is not a timing target, so this is a plain program rather than a JMH benchmark.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.railtracks.benchmarks.RetainedMemoryProbe}
 */
public final class RetainedMemoryProbe {

	private static final int NODES_PER_RUN = 10_000;

	private static final int RUNS = 20;

	/** What may be left after everything is dropped: GC noise, far below one byte per node. */
	private static final long TOLERATED_LEFTOVER_BYTES = 256 * 1024;

	/** What a held info may keep per node, read or not (issue 17). */
	private static final int RETAINED_LIMIT_BYTES_PER_NODE = 250;

	private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

	private RetainedMemoryProbe() {
	}

	public static void main(String[] args) throws InterruptedException {
		// Warm up the engine's classes and JIT, and Jackson's per-thread buffers, so that they do not count as retained
		// by nodes.
		try (Session warmUp = new Session(BenchmarkNodes.CONFIG)) {
			readAsAVisualiserWould(warmUp.runSync(BenchmarkNodes.FAN_OUT, NODES_PER_RUN));
		}
		openSession();
		boolean failed = false;
		for (int nodes : new int[] { 10_000, 100_000 }) {
			failed |= finishedInfo(nodes);
		}
		if (failed) {
			System.exit(1);
		}
	}

	private static void openSession() throws InterruptedException {
		long before = liveHeap();
		try (Session session = new Session(BenchmarkNodes.CONFIG)) {
			for (int i = 0; i < RUNS; i++) {
				session.runSync(BenchmarkNodes.FAN_OUT, NODES_PER_RUN - 1);
			}
			long retained = liveHeap() - before;
			int nodes = session.info().nodeForest().size();
			System.out.printf("open session, %d nodes: %.0f B/node%n", nodes, retained / (double) nodes);
		}
	}

	/** Returns whether the held info kept too much, or something stayed reachable after it was dropped. */
	private static boolean finishedInfo(int nodes) throws InterruptedException {
		long before = liveHeap();
		List<WeakReference<Object>> dropped = new ArrayList<>();
		ExecutionInfo info = runAndClose(nodes, dropped);
		int recorded = info.size();
		double unread = (liveHeap() - before) / (double) recorded;
		readAsAVisualiserWould(info);
		double read = (liveHeap() - before) / (double) recorded;
		dropped.add(new WeakReference<>(info));
		info = null;
		long leftover = liveHeap() - before;
		boolean collected = dropped.stream().allMatch((reference) -> reference.get() == null);
		System.out.printf("finished ExecutionInfo held after close, %d nodes: %.0f B/node, after reading it: %.0f B/node%n",
				recorded, unread, read);
		System.out.printf("  after dropping it: %d bytes left, info and session collected: %b%n", leftover, collected);
		return Math.max(unread, read) > RETAINED_LIMIT_BYTES_PER_NODE || !collected
				|| leftover > TOLERATED_LEFTOVER_BYTES;
	}

	/** Reads every part of the record, keeping nothing of what it made. */
	private static void readAsAVisualiserWould(ExecutionInfo info) {
		long found = 0;
		for (LinkedNode node : info.nodeForest().heads().values()) {
			found += node.stamp().step();
		}
		for (RequestTemplate request : info.requestForest().heads().values()) {
			found += info.requestForest().get(request.identifier()).step();
			found += info.nodeForest().get(request.sinkId()).stamp().step();
		}
		found += info.toGraph().vertices().size() + info.allStamps().size() + info.steps().size()
				+ info.stamper().stepLogs().size() + info.graphSerialization().length();
		if (found == 0) {
			throw new IllegalStateException("Read nothing from a record of " + info.size() + " requests");
		}
	}

	/** Runs one fan-out of {@code nodes} nodes in a new session, closes it and returns what runSync returned. */
	private static ExecutionInfo runAndClose(int nodes, List<WeakReference<Object>> dropped) {
		try (Session session = new Session(BenchmarkNodes.CONFIG)) {
			dropped.add(new WeakReference<>(session));
			return session.runSync(BenchmarkNodes.FAN_OUT, nodes - 1);
		}
	}

	private static long liveHeap() throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(100);
		}
		return MEMORY.getHeapMemoryUsage().getUsed();
	}

}

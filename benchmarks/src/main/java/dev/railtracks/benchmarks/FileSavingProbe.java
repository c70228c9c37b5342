package dev.railtracks.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.FunctionNode;
import dev.railtracks.Session;
import dev.railtracks.info.SessionDocument;
import dev.railtracks.store.FileSessionStore;
import dev.railtracks.store.RetentionPolicy;

/**
 * What saving a file per session costs on the writer thread, with the retention the demo uses: {@code n} documents of
 * 5-node sessions saved one by one to a {@link FileSessionStore}, and with {@code sweep} a retention sweep
 * ({@code maxSessions} 500) after every 25 saves, as the starter's retention does for {@code max-files: 500}. Prints
 * the wall and thread CPU time per save for two rounds. Its point is the system calls per save, counted from outside:
 * {@code strace -f -c} of a run with {@code n = 0} subtracted from one with {@code n = 2000}, divided by the 4 000
 * saves. A plain program, not a JMH benchmark; only the public API, so it measures an older engine too.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.railtracks.benchmarks.FileSavingProbe 2000 sweep}.
 */
public final class FileSavingProbe {

	private static final int SWEEP_EVERY = 25;

	private FileSavingProbe() {
	}

	/**
	 * Runs the probe.
	 * @param args {@code n} (documents per round), then {@code sweep} to sweep retention
	 * @throws IOException when a file cannot be written
	 */
	public static void main(String[] args) throws IOException {
		int n = Integer.parseInt(args[0]);
		boolean sweep = args.length > 1 && "sweep".equals(args[1]);
		FunctionNode<Integer> doubling = FunctionNode.of("double", (Integer x) -> x * 2);
		ExecutorConfig config = ExecutorConfig.builder().saveState(false).build();
		SessionDocument[] documents = new SessionDocument[200];
		for (int i = 0; i < documents.length; i++) {
			try (Session session = new Session(config)) {
				for (int call = 0; call < 5; call++) {
					session.runSync(doubling, call);
				}
				documents[i] = new SessionDocument(session.identifier(), "probe", 0, 0, session.info());
			}
		}
		FileSessionStore store = new FileSessionStore(Files.createTempDirectory("railtracks-saving-probe"));
		RetentionPolicy policy = new RetentionPolicy(500, Duration.ofDays(7), Long.MAX_VALUE);
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		for (int round = 0; round < 2; round++) {
			long start = System.nanoTime();
			long cpuStart = threads.getCurrentThreadCpuTime();
			for (int i = 0; i < n; i++) {
				SessionDocument document = documents[i % documents.length];
				store.save(new SessionDocument(document.sessionId() + "-" + round + "-" + i, "probe", 0, 0,
						document.info()));
				if (sweep && i % SWEEP_EVERY == SWEEP_EVERY - 1) {
					store.retain(policy, Instant.now());
				}
			}
			System.out.printf("round %d: %.1f µs wall, %.1f µs CPU per save%n", round,
					(System.nanoTime() - start) / 1e3 / Math.max(1, n),
					(threads.getCurrentThreadCpuTime() - cpuStart) / 1e3 / Math.max(1, n));
		}
	}

}

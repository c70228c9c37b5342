package dev.railtracks.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.Session;
import dev.railtracks.info.SessionDocument;
import dev.railtracks.store.FileSessionStore;
import dev.railtracks.store.SaveReport;
import dev.railtracks.store.SavedSession;
import dev.railtracks.store.SessionStore;
import dev.railtracks.store.SessionWriter;

/**
 * How long a {@link SessionWriter} takes to drain {@code documents} queued documents of 5-node sessions to the file
 * store, as at a shutdown: queue them all, then {@link SessionWriter#close()} (which returns when the last is
 * written). Single shot per iteration, so each measurement is one whole drain.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class SessionWriterDrainBenchmark {

	private static final SaveReport IGNORED = new SaveReport() {
		@Override
		public void saved(SavedSession saved) {
		}

		@Override
		public void failed(SessionStore store, Exception error) {
			throw new IllegalStateException("the benchmark's save failed", error);
		}
	};

	@Param({ "1000" })
	public int documents;

	private Path directory;

	private SessionStore store;

	private SessionDocument[] queued;

	@Setup(Level.Trial)
	public void createDocuments() throws IOException {
		this.directory = Files.createTempDirectory("railtracks-drain-benchmark");
		this.store = new FileSessionStore(this.directory);
		ExecutorConfig config = BenchmarkNodes.CONFIG.toBuilder().saveState(false).build();
		this.queued = new SessionDocument[this.documents];
		for (int i = 0; i < this.documents; i++) {
			Session session = new Session(config);
			session.runSync(BenchmarkNodes.CHAIN, 4);
			session.close();
			this.queued[i] = new SessionDocument(session.identifier(), null, 0, 0, session.info());
		}
	}

	@Benchmark
	public SessionWriter queueAllThenClose() {
		// Large enough that queueing never waits: the drain alone is measured.
		SessionWriter writer = new SessionWriter(this.documents);
		for (SessionDocument document : this.queued) {
			writer.submit(this.store, document, IGNORED);
		}
		writer.close();
		return writer;
	}

	@TearDown(Level.Trial)
	public void deleteDirectory() throws IOException {
		try (Stream<Path> paths = Files.walk(this.directory)) {
			for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
				Files.delete(path);
			}
		}
	}

}

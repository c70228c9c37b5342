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
import dev.railtracks.store.SessionWriter;

/**
 * What closing a session costs, with and without saving its state: a session runs a parent that makes {@code nodes}
 * calls (outside the measured time), then the benchmark closes it, which freezes the record and, with
 * {@code saving=sync}, writes the JSON document to a temporary file and moves it into place; with
 * {@code saving=background}, queues it for a {@link SessionWriter} whose thread writes it (the queue is large enough
 * that the closing thread never waits for room in an iteration, which it prints; the writer still competes for the
 * cores). The files go to a fresh directory under the system temporary directory, emptied after every iteration once
 * the writer has caught up.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SessionCloseBenchmark {

	/** 5 nodes is the size of a small workflow run (about 8 KB saved); 100 shows how it grows. */
	@Param({ "5", "100" })
	public int nodes;

	/** {@code off}: no saving; {@code sync}: on the closing thread; {@code background}: through a writer. */
	@Param({ "off", "sync", "background" })
	public String saving;

	private Path directory;

	private SessionWriter writer;

	private ExecutorConfig config;

	private Session session;

	@Setup(Level.Trial)
	public void createDirectory() throws IOException {
		this.directory = Files.createTempDirectory("railtracks-close-benchmark");
		ExecutorConfig.Builder builder = BenchmarkNodes.CONFIG.toBuilder()
			.saveState(!"off".equals(this.saving))
			.stateDirectory(this.directory);
		if ("background".equals(this.saving)) {
			this.writer = new SessionWriter(1 << 15);
			builder.sessionWriter(this.writer);
		}
		this.config = builder.build();
	}

	@Setup(Level.Invocation)
	public void runSession() {
		this.session = new Session(this.config);
		this.session.runSync(BenchmarkNodes.CHAIN, this.nodes - 1);
	}

	@Benchmark
	public Session close() {
		this.session.close();
		return this.session;
	}

	@TearDown(Level.Iteration)
	public void emptyDirectory() throws IOException {
		if (this.writer != null) {
			this.writer.flush();
			System.out.println("closing threads waited for the writer's queue " + this.writer.backPressureWaits()
					+ " time(s) so far");
		}
		try (Stream<Path> files = Files.list(this.directory)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				Files.delete(file);
			}
		}
	}

	@TearDown(Level.Trial)
	public void deleteDirectory() throws IOException {
		if (this.writer != null) {
			this.writer.close();
		}
		try (Stream<Path> paths = Files.walk(this.directory)) {
			for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
				Files.delete(path);
			}
		}
	}

}

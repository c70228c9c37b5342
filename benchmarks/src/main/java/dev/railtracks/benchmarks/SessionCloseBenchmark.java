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

/**
 * What closing a session costs, with and without saving its state: a session runs a parent that makes {@code nodes}
 * calls (outside the measured time), then the benchmark closes it, which freezes the record and, with
 * {@code saveState}, writes the JSON document to a temporary file and moves it into place. The files go to a fresh
 * directory under the system temporary directory, emptied after every iteration.
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

	@Param({ "true", "false" })
	public boolean saveState;

	private Path directory;

	private ExecutorConfig config;

	private Session session;

	@Setup(Level.Trial)
	public void createDirectory() throws IOException {
		this.directory = Files.createTempDirectory("railtracks-close-benchmark");
		this.config = BenchmarkNodes.CONFIG.toBuilder().saveState(this.saveState).stateDirectory(this.directory).build();
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
		try (Stream<Path> files = Files.list(this.directory)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				Files.delete(file);
			}
		}
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

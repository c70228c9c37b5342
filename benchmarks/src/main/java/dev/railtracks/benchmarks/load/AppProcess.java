package dev.railtracks.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One {@link TripApp} running in its own JVM on 127.0.0.1 and an ephemeral port, in its own working directory (its
 * log, port file and saved state), deleted when it is closed.
 */
public final class AppProcess implements AutoCloseable {

	/** The last line of {@code jcmd GC.class_histogram}: instances and bytes of all live objects. */
	private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");

	private final Process process;

	private final Path javaHome;

	private final Path directory;

	private final int port;

	private AppProcess(Process process, Path javaHome, Path directory, int port) {
		this.process = process;
		this.javaHome = javaHome;
		this.directory = directory;
		this.port = port;
	}

	/**
	 * Starts an app and waits until its server listens.
	 * @param app the app
	 * @param javaHome the JDK to run it on
	 * @param jvmArgs the JVM's options, such as {@code -Xmx1g}
	 * @param classPath its class path
	 * @param appArgs its own arguments, such as {@code --railtracks.save-state=false}
	 * @param timeout how long it may take to start
	 * @return the running app
	 * @throws IllegalStateException when it exits or does not listen within the timeout (with its log's end)
	 */
	public static AppProcess start(TripApp app, Path javaHome, List<String> jvmArgs, String classPath,
			List<String> appArgs, Duration timeout) {
		Path java = javaHome.resolve("bin").resolve("java");
		if (!Files.isExecutable(java)) {
			throw new IllegalArgumentException("No java launcher at " + java + "; give the home of a JDK");
		}
		try {
			Path directory = Files.createTempDirectory("trip-app-");
			Path portFile = directory.resolve("app.port");
			List<String> command = new ArrayList<>(List.of(java.toString()));
			command.addAll(jvmArgs);
			command.addAll(List.of("-cp", classPath, AppMain.class.getName(), app.name(), portFile.toString(),
					"--server.address=127.0.0.1", "--server.port=0"));
			command.addAll(appArgs);
			Process process = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(directory.resolve("app.log").toFile())
				.start();
			return new AppProcess(process, javaHome, directory, awaitPort(process, portFile, timeout));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + app.label(), ex);
		}
	}

	private static int awaitPort(Process process, Path portFile, Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (Files.exists(portFile)) {
				String text = Files.readString(portFile).strip();
				if (!text.isEmpty()) {
					return Integer.parseInt(text);
				}
			}
			if (!process.isAlive()) {
				throw new IllegalStateException("The app exited with code " + process.exitValue() + " before it"
						+ " listened; the end of its log:\n" + logTail(portFile.resolveSibling("app.log")));
			}
			pause(Duration.ofMillis(50));
		}
		process.destroyForcibly();
		throw new IllegalStateException("The app did not listen within " + timeout + "; the end of its log:\n"
				+ logTail(portFile.resolveSibling("app.log")));
	}

	private static String logTail(Path log) throws IOException {
		List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

	/**
	 * The address of a path of the app.
	 * @param pathAndQuery such as {@code /plan?goal=visit%20Kyoto}
	 * @return the URI on 127.0.0.1 and the app's port
	 */
	public URI uri(String pathAndQuery) {
		return URI.create("http://127.0.0.1:" + this.port + pathAndQuery);
	}

	/**
	 * The CPU time the app's JVM has used so far, all its threads (the kernel's count, in clock ticks).
	 * @return the CPU time
	 */
	public Duration cpuTime() {
		return this.process.toHandle()
			.info()
			.totalCpuDuration()
			.orElseThrow(() -> new IllegalStateException("The OS does not report the CPU time of process "
					+ this.process.pid()));
	}

	/**
	 * The bytes of all objects live in the app's heap, counted by {@code jcmd GC.class_histogram}, which runs a full
	 * collection first and counts in the same pause, so no garbage and nothing allocated meanwhile is included.
	 * @return the live bytes
	 */
	public long liveHeapBytes() {
		return liveHeapBytes(this.javaHome, this.process.pid());
	}

	/**
	 * The bytes of all objects live in a JVM's heap, as {@link #liveHeapBytes()} counts them.
	 * @param javaHome the JDK whose {@code jcmd} counts
	 * @param pid the JVM's process id (this JVM's own too)
	 * @return the live bytes
	 */
	static long liveHeapBytes(Path javaHome, long pid) {
		Path jcmd = javaHome.resolve("bin").resolve("jcmd");
		try {
			// Into a file, not a pipe: when the JVM counted is this one, its threads stop for the count, and a full
			// pipe would stop jcmd before it has written the total.
			Path file = Files.createTempFile("railtracks-histogram", ".txt");
			String output;
			try {
				Process histogram = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
					.redirectErrorStream(true)
					.redirectOutput(file.toFile())
					.start();
				if (!histogram.waitFor(1, TimeUnit.MINUTES)) {
					histogram.destroyForcibly();
					throw new IllegalStateException(jcmd + " GC.class_histogram did not finish within a minute");
				}
				output = Files.readString(file, StandardCharsets.UTF_8);
			}
			finally {
				Files.deleteIfExists(file);
			}
			Matcher total = HISTOGRAM_TOTAL.matcher(output);
			if (!total.find()) {
				throw new IllegalStateException(jcmd + " GC.class_histogram gave no total: " + output);
			}
			return Long.parseLong(total.group(1));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run " + jcmd, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while " + jcmd + " ran", ex);
		}
	}

	/**
	 * Stops the app (SIGTERM, so it shuts down as in production; forcibly after 30 s) and deletes its directory.
	 */
	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		try (Stream<Path> files = Files.walk(this.directory)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not delete " + this.directory, ex);
		}
	}

	static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting " + duration, ex);
		}
	}

}

package dev.railtracks.benchmarks.load;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.HdrHistogram.Histogram;

/**
 * Measures the spring-web demo beside the same app in plain Spring AI (see docs/benchmarks.md, "The agent app beside
 * plain Spring AI"): starts each as a child JVM, then measures them in turn, round after round (demo, baseline, demo,
 * baseline, ...), so that drift on the machine hits both, and prints a table per window and the demo-to-baseline
 * ratios. Run it with {@code target/classes} and {@code target/apps.classpath} as its class path; the options are
 * in {@link LoadSettings#USAGE}.
 */
public final class TripAppLoad {

	/** The scripted plan's model calls: weather and budget, then packing, then the answer. */
	private static final int MODEL_CALLS_PER_PLAN = 3;

	private TripAppLoad() {
	}

	/**
	 * Runs the comparison.
	 * @param args the options
	 * @throws Exception when an app does not start or the class path is missing
	 */
	public static void main(String[] args) throws Exception {
		LoadSettings settings = LoadSettings.parse(args);
		String classPath = appClassPath();
		Map<AppVariant, AppProcess> apps = new LinkedHashMap<>();
		try {
			for (AppVariant variant : settings.variants()) {
				apps.put(variant, start(variant, settings, classPath, Duration.ofMinutes(3)));
			}
			System.out.printf(Locale.ROOT, "JDK %s, JVM %s, virtual threads %s, %d connections, model delay %d ms,"
					+ " %d s warm-up + %d s per window, %d rounds%n%n", settings.javaHome(), settings.jvmArgs(),
					settings.virtualThreads(), settings.connections(), settings.modelDelay().toMillis(),
					settings.warmup().toSeconds(), settings.duration().toSeconds(), settings.rounds());
			System.out.println("| round | app | req/s | p50 ms | p99 ms | p99.9 ms | CPU ms/req | errors"
					+ (settings.memory() ? " | KB per waiting request |" : " |"));
			System.out.println("| --- | --- | --- | --- | --- | --- | --- | ---" + (settings.memory() ? " | --- |" : " |"));
			List<RoundResult> results = new ArrayList<>();
			for (int round = 1; round <= settings.rounds(); round++) {
				for (Map.Entry<AppVariant, AppProcess> app : apps.entrySet()) {
					RoundResult result = measure(round, app.getKey(), app.getValue(), settings);
					results.add(result);
					System.out.println(row(result));
				}
			}
			printRatios(results, settings);
			if (settings.memory()) {
				warnWhenQueued(results, settings);
			}
		}
		finally {
			apps.values().forEach(AppProcess::close);
		}
	}

	/**
	 * The apps' class path: this module's classes and {@code apps.classpath}, which the build writes beside them.
	 * @return the class path
	 * @throws IOException when the file cannot be read
	 */
	static String appClassPath() throws IOException {
		Path classes;
		try {
			classes = Path.of(TripAppLoad.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException("Cannot locate the driver's classes", ex);
		}
		Path file = classes.resolveSibling("apps.classpath");
		if (!Files.isRegularFile(file)) {
			throw new IllegalStateException("No " + file + "; build first: mvn -B -q -pl benchmarks -am package"
					+ " -DskipTests");
		}
		return classes + File.pathSeparator + Files.readString(file).strip();
	}

	/**
	 * Starts an app as the settings say.
	 * @param variant the app
	 * @param settings the JDK, JVM options and model delay
	 * @param classPath the apps' class path
	 * @param timeout how long it may take to start
	 * @return the running app
	 */
	static AppProcess start(AppVariant variant, LoadSettings settings, String classPath, Duration timeout) {
		List<String> appArgs = new ArrayList<>(settings.commonAppArgs());
		appArgs.addAll(variant.args());
		return AppProcess.start(variant.app(), settings.javaHome(), settings.appJvmArgs(), classPath, appArgs,
				timeout);
	}

	/**
	 * One window: the warm-up, then the measured load, then (when asked for) the live heap with the requests still
	 * under way against the live heap once they are answered, per request that was under way.
	 * @param round the round
	 * @param variant the app
	 * @param app the running app
	 * @param settings the load
	 * @return the result
	 */
	static RoundResult measure(int round, AppVariant variant, AppProcess app, LoadSettings settings) {
		String query = "/plan?goal=" + URLEncoder.encode(settings.goal(), StandardCharsets.UTF_8).replace("+", "%20");
		Histogram latencies;
		long errors;
		Duration cpu;
		long nanos;
		long loadedHeap = 0;
		int waiting = 0;
		try (ClosedLoopLoad load = ClosedLoopLoad.start(app.uri(query), settings.connections())) {
			AppProcess.pause(settings.warmup());
			load.takeLatencies();
			long errorsBefore = load.errors();
			Duration cpuBefore = app.cpuTime();
			long start = System.nanoTime();
			AppProcess.pause(settings.duration());
			latencies = load.takeLatencies();
			nanos = System.nanoTime() - start;
			cpu = app.cpuTime().minus(cpuBefore);
			errors = load.errors() - errorsBefore;
			if (settings.memory()) {
				waiting = load.inFlight();
				loadedHeap = app.liveHeapBytes();
			}
		}
		Double perRequest = null;
		if (settings.memory()) {
			perRequest = (loadedHeap - app.liveHeapBytes()) / (double) Math.max(1, waiting);
		}
		return new RoundResult(round, variant, nanos / 1e9, latencies, errors, cpu.toNanos() / 1e6, perRequest);
	}

	private static String row(RoundResult result) {
		String row = String.format(Locale.ROOT, "| %d | %s | %.0f | %.1f | %.1f | %.1f | %.2f | %d |", result.round(),
				result.app().label(), result.requestsPerSecond(), result.latencyMillis(50), result.latencyMillis(99),
				result.latencyMillis(99.9), result.cpuMillisPerRequest(), result.errors());
		Double bytes = result.bytesPerWaitingRequest();
		return (bytes != null) ? row + String.format(Locale.ROOT, " %.1f |", bytes / 1024) : row;
	}

	/**
	 * The memory per waiting request divides by the requests under way at the client; it is the memory of a waiting
	 * run only while they wait inside the app, on the model, and not in a queue before it (CPU-bound app: latency far
	 * above the model's own time).
	 */
	private static void warnWhenQueued(List<RoundResult> results, LoadSettings settings) {
		double modelMillis = MODEL_CALLS_PER_PLAN * settings.modelDelay().toMillis();
		for (RoundResult result : results) {
			if (result.latencyMillis(50) > 1.5 * modelMillis) {
				System.out.printf(Locale.ROOT, "%nNote: round %d, %s: p50 %.0f ms is more than 1.5 times the model's"
						+ " %.0f ms per plan, so requests queued before the app and its KB per waiting request is"
						+ " too low; measure memory with fewer connections or a longer --model-delay-ms.%n",
						result.round(), result.app().label(), result.latencyMillis(50), modelMillis);
			}
		}
	}

	private static void printRatios(List<RoundResult> results, LoadSettings settings) {
		List<AppVariant> variants = settings.variants();
		AppVariant baseline = variants.get(variants.size() - 1);
		System.out.printf(Locale.ROOT, "%nEach demo ÷ %s in the same round: median (lowest-highest)%n%n",
				baseline.label());
		System.out.println("| app | req/s | p50 | p99 | CPU ms per request |");
		System.out.println("| --- | --- | --- | --- | --- |");
		for (AppVariant demo : variants.subList(0, variants.size() - 1)) {
			System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", demo.label(),
					ratio(results, demo, baseline, RoundResult::requestsPerSecond),
					ratio(results, demo, baseline, (result) -> result.latencyMillis(50)),
					ratio(results, demo, baseline, (result) -> result.latencyMillis(99)),
					ratio(results, demo, baseline, RoundResult::cpuMillisPerRequest));
		}
	}

	private static String ratio(List<RoundResult> results, AppVariant demo, AppVariant baseline,
			ToDoubleFunction<RoundResult> measure) {
		List<Double> ratios = new ArrayList<>();
		for (RoundResult result : results) {
			if (result.app().equals(demo)) {
				RoundResult base = results.stream()
					.filter((other) -> other.app().equals(baseline) && other.round() == result.round())
					.findFirst()
					.orElseThrow();
				ratios.add(measure.applyAsDouble(result) / measure.applyAsDouble(base));
			}
		}
		ratios.sort(null);
		int size = ratios.size();
		double median = (size % 2 == 1) ? ratios.get(size / 2) : (ratios.get(size / 2 - 1) + ratios.get(size / 2)) / 2;
		return String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", median, ratios.get(0), ratios.get(size - 1));
	}

}

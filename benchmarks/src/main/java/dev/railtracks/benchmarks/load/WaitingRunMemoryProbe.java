package dev.railtracks.benchmarks.load;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.railtracks.benchmarks.springai.PlainPlanController;
import dev.railtracks.llm.LanguageModel;
import dev.railtracks.llm.ModelRequest;
import dev.railtracks.llm.ModelResponse;
import dev.railtracks.llm.ToolResultMessage;
import dev.railtracks.samples.springweb.PlanController;

/**
 * Memory per waiting run: {@code --runs} plans of the trip planner (the spring-web demo, saving on, or the same app in
 * plain Spring AI) held on virtual threads inside the scripted model's last call (the one that writes the answer,
 * after every tool ran: a run holds the most then), the live heap counted then and again once they are all answered;
 * the difference divided by the runs is what one waiting run holds (its virtual thread's stack, its conversation,
 * for the demo its session and record). Each app runs in its own child JVM ({@code -Xms1g -Xmx1g}, virtual threads
 * on), in turn for {@code --rounds}; the plans are called on the app's controller bean, without HTTP, so no request
 * or connection buffers are counted. Before measuring, {@code --warmup} plans fill what both apps keep of finished
 * runs (the scripted model's last 1 000 requests, the demo's last 100 sessions), so it is the same in both counts.
 * The heap is counted by {@code jcmd GC.class_histogram} (a full collection, then only live objects).
 *
 * <p>Run (Java 21+ for virtual threads): {@code java -cp "$CP" dev.railtracks.benchmarks.load.WaitingRunMemoryProbe
 * --jdk=/usr/lib/jvm/temurin-25-jdk-amd64 --runs=1000 --rounds=3}, with {@code CP} as for {@link TripAppLoad}.
 */
public final class WaitingRunMemoryProbe {

	private static final String RESULT = "RESULT ";

	/** The gate of this JVM's one app: its scripted model's answer calls wait here while it is closed. */
	private static final Gate GATE = new Gate();

	private WaitingRunMemoryProbe() {
	}

	/**
	 * Runs the probe: with {@code --app}, one measurement of that app in this JVM; without, each app in child JVMs.
	 * @param args {@code --jdk=PATH} (the children's JDK, default this one's), {@code --runs=N} (1 000),
	 * {@code --warmup=N} (2 000), {@code --rounds=N} (3); {@code --app=DEMO|PLAIN_SPRING_AI} in a child
	 * @throws Exception when an app fails
	 */
	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			String[] pair = arg.replaceFirst("^--", "").split("=", 2);
			if (!arg.startsWith("--") || pair.length != 2) {
				throw new IllegalArgumentException("Expected --name=value but got '" + arg + "'");
			}
			options.put(pair[0], pair[1]);
		}
		int runs = Integer.parseInt(options.getOrDefault("runs", "1000"));
		int warmup = Integer.parseInt(options.getOrDefault("warmup", "2000"));
		String app = options.get("app");
		if (app != null) {
			measure(TripApp.valueOf(app), runs, warmup);
			return;
		}
		Path javaHome = Path.of(options.getOrDefault("jdk", System.getProperty("java.home")));
		int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
		System.out.printf(Locale.ROOT, "JDK %s, %d runs waiting, %d warm-up plans%n%n", javaHome, runs, warmup);
		System.out.println("| round | app | KB per waiting run | KB per run kept after (vs before) |");
		System.out.println("| --- | --- | --- | --- |");
		String classPath = TripAppLoad.appClassPath();
		for (int round = 1; round <= rounds; round++) {
			for (TripApp each : TripApp.values()) {
				long[] heap = child(javaHome, classPath, each, runs, warmup);
				System.out.printf(Locale.ROOT, "| %d | %s | %.1f | %.2f |%n", round, each.label(),
						(heap[1] - heap[2]) / 1024.0 / runs, (heap[2] - heap[0]) / 1024.0 / runs);
			}
		}
	}

	/** Runs one app's measurement in a child JVM; its live heap before, while waiting and after. */
	private static long[] child(Path javaHome, String classPath, TripApp app, int runs, int warmup) throws Exception {
		List<String> command = new ArrayList<>(List.of(javaHome.resolve("bin").resolve("java").toString(), "-Xms1g",
				"-Xmx1g", "-cp", classPath, WaitingRunMemoryProbe.class.getName(), "--app=" + app.name(),
				"--runs=" + runs, "--warmup=" + warmup));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String result = null;
		List<String> output = new ArrayList<>();
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				output.add(line);
				if (line.startsWith(RESULT)) {
					result = line.substring(RESULT.length());
				}
			}
		}
		process.waitFor();
		if (result == null) {
			throw new IllegalStateException(app + " gave no result:\n" + String.join("\n",
					output.subList(Math.max(0, output.size() - 40), output.size())));
		}
		String[] bytes = result.split(" ");
		return new long[] { Long.parseLong(bytes[0]), Long.parseLong(bytes[1]), Long.parseLong(bytes[2]) };
	}

	private static void measure(TripApp app, int runs, int warmup) throws Exception {
		Path state = Files.createTempDirectory("railtracks-waiting-runs");
		SpringApplication application = app.application();
		application.addPrimarySources(List.of(GateConfiguration.class));
		ExecutorService threads = virtualThreads();
		try (ConfigurableApplicationContext context = application.run("--server.port=0",
				"--spring.threads.virtual.enabled=true", "--logging.level.root=warn",
				"--railtracks.state-directory=" + state)) {
			BiFunction<String, String, Object> planner = (app == TripApp.DEMO)
					? context.getBean(PlanController.class)::plan : context.getBean(PlainPlanController.class)::plan;
			Semaphore concurrent = new Semaphore(64);
			List<Future<?>> warming = new ArrayList<>();
			for (int i = 0; i < warmup; i++) {
				concurrent.acquire();
				warming.add(threads.submit(() -> {
					try {
						planner.apply("visit Kyoto", "EUR");
					}
					finally {
						concurrent.release();
					}
				}));
			}
			awaitAll(warming);
			Path javaHome = Path.of(System.getProperty("java.home"));
			long pid = ProcessHandle.current().pid();
			long before = AppProcess.liveHeapBytes(javaHome, pid);
			GATE.close();
			List<Future<?>> waiting = new ArrayList<>();
			for (int i = 0; i < runs; i++) {
				waiting.add(threads.submit(() -> planner.apply("visit Kyoto", "EUR")));
			}
			GATE.awaitWaiting(runs);
			long held = AppProcess.liveHeapBytes(javaHome, pid);
			GATE.open();
			awaitAll(waiting);
			long after = AppProcess.liveHeapBytes(javaHome, pid);
			System.out.println(RESULT + before + " " + held + " " + after);
		}
		finally {
			threads.shutdownNow();
		}
	}

	private static void awaitAll(List<Future<?>> futures) throws Exception {
		for (Future<?> future : futures) {
			future.get(5, TimeUnit.MINUTES);
		}
	}

	private static ExecutorService virtualThreads() {
		try {
			// Looked up by name: this module compiles for Java 17.
			return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("The probe needs Java 21+ (virtual threads); run it with --jdk", ex);
		}
	}

	/** Holds the scripted model's answer calls while closed, counting the calls waiting. */
	private static final class Gate {

		private final AtomicInteger waiting = new AtomicInteger();

		private volatile CountDownLatch closed = new CountDownLatch(0);

		void close() {
			this.closed = new CountDownLatch(1);
		}

		void open() {
			this.closed.countDown();
		}

		void pass() {
			CountDownLatch latch = this.closed;
			if (latch.getCount() == 0) {
				return;
			}
			this.waiting.incrementAndGet();
			try {
				latch.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted at the probe's gate", ex);
			}
			finally {
				this.waiting.decrementAndGet();
			}
		}

		void awaitWaiting(int runs) throws InterruptedException {
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
			while (this.waiting.get() < runs) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("Only " + this.waiting.get() + " of " + runs + " runs reached "
							+ "the model's answer call within 5 minutes");
				}
				Thread.sleep(10);
			}
		}

	}

	/** Puts the {@link #GATE} before the app's language model. */
	@Configuration(proxyBeanMethods = false)
	static class GateConfiguration {

		@Bean
		static BeanPostProcessor gatedLanguageModel() {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					return (bean instanceof LanguageModel model) ? new GatedModel(model) : bean;
				}
			};
		}

	}

	/** A language model whose answer call (the request carries every tool's result) passes the gate first. */
	private record GatedModel(LanguageModel model) implements LanguageModel {

		@Override
		public ModelResponse chat(ModelRequest request) {
			long results = request.messages().stream().filter(ToolResultMessage.class::isInstance).count();
			if (results == 3) {
				GATE.pass();
			}
			return this.model.chat(request);
		}

		@Override
		public String modelName() {
			return this.model.modelName();
		}

		@Override
		public String provider() {
			return this.model.provider();
		}

	}

}

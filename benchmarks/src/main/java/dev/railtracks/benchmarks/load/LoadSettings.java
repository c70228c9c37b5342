package dev.railtracks.benchmarks.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link TripAppLoad} measures, from {@code --name=value} arguments; see {@link #USAGE}.
 *
 * @param javaHome the JDK the apps run on
 * @param jvmArgs the apps' JVM options
 * @param virtualThreads whether the apps serve requests on virtual threads (Java 21+)
 * @param connections requests under way at any time
 * @param modelDelay how long the scripted model waits per call
 * @param warmup the load before each measured window, not counted
 * @param duration each measured window
 * @param rounds how many times each app is measured, alternating
 * @param saveStates the demo's {@code railtracks.save-state} values, one demo per value
 * @param memory whether to measure the memory per waiting request after each window
 * @param goal the goal every request plans
 */
record LoadSettings(Path javaHome, List<String> jvmArgs, boolean virtualThreads, int connections, Duration modelDelay,
		Duration warmup, Duration duration, int rounds, List<Boolean> saveStates, boolean memory, String goal) {

	static final String USAGE = """
			Options (--name=value), defaults in brackets:
			  --jdk=PATH             the JDK the apps run on [this driver's]
			  --jvm-args="ARGS"      the apps' JVM options, space-separated [-Xms1g -Xmx1g]
			  --virtual-threads=B    spring.threads.virtual.enabled for both apps (Java 21+) [false]
			  --connections=N        requests under way at any time [16]
			  --model-delay-ms=N     the scripted model's wait per call (trip-planner.model-delay) [0]
			  --warmup=SECONDS       load before each measured window [5]
			  --duration=SECONDS     each measured window [15]
			  --rounds=N             windows per app, alternating demo and baseline [3]
			  --save-state=on|off|both  the demo's railtracks.save-state; both runs two demos [on]
			  --memory=B             live heap per waiting request after each window (jcmd) [false]
			  --goal=TEXT            the goal every request plans [visit Kyoto]
			""";

	/**
	 * Reads the arguments.
	 * @param args {@code --name=value} pairs
	 * @return the settings
	 * @throws IllegalArgumentException naming an unknown option or a bad value
	 */
	static LoadSettings parse(String... args) {
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 0) {
				throw new IllegalArgumentException("Expected --name=value but got '" + arg + "'\n" + USAGE);
			}
			options.put(arg.substring(2, equals), arg.substring(equals + 1));
		}
		LoadSettings settings = new LoadSettings(
				Path.of(take(options, "jdk", System.getProperty("java.home"))),
				words(take(options, "jvm-args", "-Xms1g -Xmx1g")),
				bool("virtual-threads", take(options, "virtual-threads", "false")),
				number(options, "connections", 16, 1),
				Duration.ofMillis(number(options, "model-delay-ms", 0, 0)),
				Duration.ofSeconds(number(options, "warmup", 5, 0)),
				Duration.ofSeconds(number(options, "duration", 15, 1)),
				number(options, "rounds", 3, 1),
				saveStates(take(options, "save-state", "on")),
				bool("memory", take(options, "memory", "false")),
				take(options, "goal", "visit Kyoto"));
		if (!options.isEmpty()) {
			throw new IllegalArgumentException("Unknown option(s) " + options.keySet() + "\n" + USAGE);
		}
		return settings;
	}

	private static String take(Map<String, String> options, String name, String fallback) {
		String value = options.remove(name);
		return (value != null) ? value : fallback;
	}

	private static List<String> words(String value) {
		return value.isBlank() ? List.of() : Arrays.asList(value.trim().split("\\s+"));
	}

	private static boolean bool(String name, String value) {
		if (!value.equals("true") && !value.equals("false")) {
			throw new IllegalArgumentException("--" + name + " must be true or false but was '" + value + "'");
		}
		return Boolean.parseBoolean(value);
	}

	private static int number(Map<String, String> options, String name, int fallback, int least) {
		String value = options.remove(name);
		if (value == null) {
			return fallback;
		}
		try {
			int number = Integer.parseInt(value);
			if (number >= least) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// Reported below with the option's name.
		}
		throw new IllegalArgumentException("--" + name + " must be a whole number of at least " + least + " but was '"
				+ value + "'");
	}

	private static List<Boolean> saveStates(String value) {
		return switch (value) {
			case "on" -> List.of(true);
			case "off" -> List.of(false);
			case "both" -> List.of(true, false);
			default -> throw new IllegalArgumentException("--save-state must be on, off or both but was " + value);
		};
	}

	/**
	 * The apps to compare: each demo, then the baseline, the order of every round.
	 * @return the variants
	 */
	List<AppVariant> variants() {
		List<AppVariant> variants = new ArrayList<>();
		for (boolean save : this.saveStates) {
			variants.add(new AppVariant("demo, saving " + (save ? "on" : "off"), TripApp.DEMO,
					List.of("--railtracks.save-state=" + save)));
		}
		variants.add(new AppVariant(TripApp.PLAIN_SPRING_AI.label(), TripApp.PLAIN_SPRING_AI, List.of()));
		return variants;
	}

	/**
	 * The arguments every app gets: quiet Railtracks logs (as the earlier wrk runs), the model's delay, saved state
	 * in the app's own directory.
	 * @return the arguments
	 */
	List<String> commonAppArgs() {
		return List.of("--logging.level.dev.railtracks=warn",
				"--trip-planner.model-delay=" + this.modelDelay.toMillis() + "ms",
				"--railtracks.state-directory=state");
	}

	/**
	 * The apps' JVM options, with virtual threads when asked for.
	 * @return the options
	 */
	List<String> appJvmArgs() {
		List<String> jvm = new ArrayList<>(this.jvmArgs);
		if (this.virtualThreads) {
			jvm.add("-Dspring.threads.virtual.enabled=true");
		}
		return jvm;
	}

}

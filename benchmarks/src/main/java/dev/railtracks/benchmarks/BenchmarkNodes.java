package dev.railtracks.benchmarks;

import java.util.Collections;

import io.micrometer.observation.ObservationRegistry;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.FunctionNode;
import dev.railtracks.LoggingSetting;
import dev.railtracks.Railtracks;

/**
 * The Railtracks node graphs the benchmarks run, and the configuration they run them with: no saving, no logging, so
 * the engine itself is measured.
 */
final class BenchmarkNodes {

	/** A trivial child. */
	static final FunctionNode<Integer> CHILD = FunctionNode.of("child", (Integer count) -> Work.increment(count));

	/** A chain of {@code length} synchronous calls of {@link #CHILD}, each taking the previous one's result. */
	static final FunctionNode<Integer> CHAIN = FunctionNode.of("chain", (Integer length) -> {
		int count = 0;
		for (int i = 0; i < length; i++) {
			count = Railtracks.call(CHILD, count);
		}
		return count;
	});

	/** Fans out {@code width} calls of {@link #CHILD} with one callBatch and sums their results. */
	static final FunctionNode<Integer> FAN_OUT = FunctionNode.of("fan_out", (Integer width) -> Railtracks
		.callBatch(CHILD, Collections.nCopies(width, 0))
		.stream()
		.mapToInt(Integer::intValue)
		.sum());

	/** A child that sleeps. */
	static final FunctionNode<Integer> SLEEPER = FunctionNode.of("sleeper", (Integer millis) -> Work.sleep(millis));

	/** Fans out {@code width} sleepers and counts them. */
	static final FunctionNode<Integer> SLEEPING_FAN_OUT = FunctionNode.of("sleeping_fan_out",
			(Integer width) -> Railtracks.callBatch(SLEEPER, Collections.nCopies(width, Work.SLEEP_MILLIS)).size());

	static final ExecutorConfig CONFIG = ExecutorConfig.builder()
		.saveState(false)
		.loggingSetting(LoggingSetting.NONE)
		.noTimeout()
		.build();

	/**
	 * {@link #CONFIG} with every node and session observed, as in a Spring Boot application with Actuator and
	 * Railtracks' auto-configuration: a real {@link ObservationRegistry} whose meter handlers turn each node
	 * observation into a timer ({@link MeteredRegistry#RAILTRACKS}).
	 */
	static final ExecutorConfig OBSERVED_CONFIG = CONFIG.toBuilder()
		.observationRegistry(MeteredRegistry.RAILTRACKS.create())
		.build();

	private BenchmarkNodes() {
	}

}

package dev.railtracks.benchmarks;

import java.util.Collections;
import java.util.List;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.FunctionNode;
import dev.railtracks.LoggingSetting;
import dev.railtracks.Railtracks;

/**
 * The node graphs the benchmarks run, and the configuration they run them with: no saving, no logging, so the
 * engine itself is measured.
 */
final class BenchmarkNodes {

	/** A trivial child. */
	static final FunctionNode<Integer> CHILD = FunctionNode.of("child", (Integer i) -> i + 1);

	/** Makes {@code calls} synchronous calls of {@link #CHILD}, one after another. */
	static final FunctionNode<Integer> SEQUENTIAL_PARENT = FunctionNode.of("sequential_parent", (Integer calls) -> {
		int sum = 0;
		for (int i = 0; i < calls; i++) {
			sum += Railtracks.call(CHILD, i);
		}
		return sum;
	});

	/** Fans out {@code width} calls of {@link #CHILD} with one callBatch. */
	static final FunctionNode<Integer> FAN_OUT_PARENT = FunctionNode.of("fan_out_parent",
			(Integer width) -> Railtracks.callBatch(CHILD, Collections.nCopies(width, 1)).size());

	/** A child that sleeps. */
	static final FunctionNode<Integer> SLEEPER = FunctionNode.of("sleeper", (Integer millis) -> {
		Thread.sleep(millis);
		return millis;
	});

	/** Fans out {@code width} sleepers of 100 ms. */
	static final FunctionNode<List<Integer>> SLEEPING_FAN_OUT = FunctionNode.of("sleeping_fan_out",
			(Integer width) -> Railtracks.callBatch(SLEEPER, Collections.nCopies(width, 100)));

	static final ExecutorConfig CONFIG = ExecutorConfig.builder()
		.saveState(false)
		.loggingSetting(LoggingSetting.NONE)
		.noTimeout()
		.build();

	private BenchmarkNodes() {
	}

}

package dev.railtracks.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.railtracks.execution.ExecutionStrategy;

/**
 * Dispatches a session's work: a node task inline on the caller's thread or asynchronously on the configured
 * {@link ExecutionStrategy}, the engine's own work (batch scouts, cancellations, recording on a fresh stack) on that
 * strategy too, and the runs' timeouts on a timer. (The design's coordinator also counts the jobs in flight from the
 * completion messages; nothing here needs that count: each run knows its own threads, see {@link Run}.)
 */
final class Coordinator {

	/** One timer thread for every session's timeouts: it only hands each timeout to its session's strategy. */
	private static final ScheduledThreadPoolExecutor TIMER = timer();

	private final ExecutionStrategy strategy;

	/**
	 * Creates a coordinator.
	 * @param strategy the strategy for asynchronous tasks
	 */
	Coordinator(ExecutionStrategy strategy) {
		this.strategy = strategy;
	}

	/**
	 * Runs a node task: inline on this thread, or asynchronously on the strategy.
	 * @param task the task
	 * @param mode how to run it
	 * @throws RuntimeException when the strategy refuses the task (rejection, or no native thread left)
	 */
	void submit(NodeTask task, ExecutionMode mode) {
		if (mode == ExecutionMode.INLINE) {
			task.run();
			return;
		}
		this.strategy.execute(task);
	}

	/**
	 * Runs engine work on a thread of the strategy.
	 * @param work the work
	 * @throws RuntimeException when the strategy refuses it
	 */
	void execute(Runnable work) {
		this.strategy.execute(work);
	}

	/**
	 * Schedules a run's timeout; the action runs on the timer thread and must hand real work to {@link #execute}.
	 * @param action what to do when the time has passed
	 * @param after the delay
	 * @return the scheduled timeout, to cancel when the run ends first
	 */
	ScheduledFuture<?> scheduleTimeout(Runnable action, Duration after) {
		return TIMER.schedule(action, after.toNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * Shuts down the strategy.
	 */
	void shutdown() {
		this.strategy.shutdown();
	}

	private static ScheduledThreadPoolExecutor timer() {
		ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "railtracks-timeout");
			thread.setDaemon(true);
			return thread;
		});
		timer.setRemoveOnCancelPolicy(true);
		return timer;
	}

}

package dev.railtracks.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.railtracks.execution.ExecutionStrategy;
import dev.railtracks.pubsub.RTPublisher;
import dev.railtracks.pubsub.RequestCompletionMessage;
import dev.railtracks.pubsub.RequestFailure;
import dev.railtracks.pubsub.RequestSuccess;

/**
 * Dispatches a session's work: a node task inline on the caller's thread or asynchronously on the configured
 * {@link ExecutionStrategy}, the engine's own work (batch scouts, cancellations, recording on a fresh stack) on that
 * strategy too, and the runs' timeouts on a timer. It subscribes to the publisher to close an asynchronous job when
 * its completion message arrives, so it knows what is in flight.
 */
final class Coordinator {

	/** One timer thread for every session's timeouts: it only hands each timeout to its session's strategy. */
	private static final ScheduledThreadPoolExecutor TIMER = timer();

	private final ExecutionStrategy strategy;

	private final Set<String> openJobs = ConcurrentHashMap.newKeySet();

	/**
	 * Creates a coordinator.
	 * @param strategy the strategy for asynchronous tasks
	 */
	Coordinator(ExecutionStrategy strategy) {
		this.strategy = strategy;
	}

	/**
	 * Subscribes to the session's publisher as "Coordinator Subscriber".
	 * @param publisher the publisher
	 */
	void start(RTPublisher publisher) {
		publisher.subscribeSynchronous(this::handleItem, "Coordinator Subscriber");
	}

	/**
	 * Runs a node task: inline on this thread, or asynchronously on the strategy.
	 * @param task the task
	 * @param mode how to run it
	 * @throws RuntimeException when the strategy refuses the task (rejection, or no native thread left)
	 */
	void submit(Task task, ExecutionMode mode) {
		if (mode == ExecutionMode.INLINE) {
			task.run();
			return;
		}
		this.openJobs.add(task.requestId());
		try {
			this.strategy.execute(task);
		}
		catch (RuntimeException | Error ex) {
			this.openJobs.remove(task.requestId());
			throw ex;
		}
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
	 * Closes an asynchronous job when its completion arrives.
	 * @param message a published message
	 */
	void handleItem(RequestCompletionMessage message) {
		if (message instanceof RequestSuccess || message instanceof RequestFailure) {
			this.openJobs.remove(message.requestId());
		}
	}

	/**
	 * The number of asynchronous jobs started and not yet completed.
	 * @return the count
	 */
	int openJobCount() {
		return this.openJobs.size();
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

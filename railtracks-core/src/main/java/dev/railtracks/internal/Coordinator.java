package dev.railtracks.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.railtracks.execution.ExecutionStrategy;
import dev.railtracks.pubsub.RTPublisher;
import dev.railtracks.pubsub.RequestCompletionMessage;
import dev.railtracks.pubsub.RequestFailure;
import dev.railtracks.pubsub.RequestSuccess;

/**
 * Runs tasks with the session's execution strategies and keeps track of the jobs in flight: inline on the caller's
 * thread, or asynchronously on the configured {@link ExecutionStrategy}. It subscribes to the publisher to close a
 * job when its completion message arrives.
 *
 * <p>Engine API: created and driven by the {@code Session}; applications do not call it.
 */
final class Coordinator {

	private final ExecutionStrategy strategy;

	private final Map<String, Long> openJobs = new ConcurrentHashMap<>();

	/**
	 * Creates a coordinator.
	 * @param strategy the strategy for asynchronous tasks
	 */
	public Coordinator(ExecutionStrategy strategy) {
		this.strategy = strategy;
	}

	/**
	 * Subscribes to the session's publisher as "Coordinator Subscriber".
	 * @param publisher the publisher
	 */
	public void start(RTPublisher publisher) {
		publisher.subscribeSynchronous(this::handleItem, "Coordinator Subscriber");
	}

	/**
	 * Runs a task.
	 * @param task the task
	 * @param mode inline on this thread (returns when done), or asynchronously (returns at once)
	 */
	public void submit(Task task, ExecutionMode mode) {
		if (mode == ExecutionMode.INLINE) {
			task.run();
			return;
		}
		this.openJobs.put(task.requestId(), System.nanoTime());
		try {
			this.strategy.execute(task);
		}
		catch (RuntimeException | Error ex) {
			this.openJobs.remove(task.requestId());
			throw ex;
		}
	}

	/**
	 * Closes the job of a finished request.
	 * @param message a published message; only successes and failures matter
	 */
	public void handleItem(RequestCompletionMessage message) {
		if (message instanceof RequestSuccess success) {
			this.openJobs.remove(success.requestId());
		}
		else if (message instanceof RequestFailure failure) {
			this.openJobs.remove(failure.requestId());
		}
	}

	/**
	 * Asynchronous jobs submitted and not finished.
	 * @return the count
	 */
	public int openJobCount() {
		return this.openJobs.size();
	}

	/**
	 * The strategy of asynchronous tasks.
	 * @return the strategy
	 */
	public ExecutionStrategy strategy() {
		return this.strategy;
	}

	/**
	 * Shuts down the execution strategies ({@link ExecutionStrategy#shutdown()}); the built-in ones are shared and
	 * keep running.
	 */
	public void shutdown() {
		this.strategy.shutdown();
	}

}

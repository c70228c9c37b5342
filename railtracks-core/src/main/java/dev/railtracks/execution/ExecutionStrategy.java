package dev.railtracks.execution;

import java.util.concurrent.Executor;

/**
 * Gives asynchronous and parallel node invocations their threads. A strategy must start each task promptly and
 * never make it wait behind another task (a parent blocked on its children would otherwise starve them), so it is
 * elastic: virtual threads on Java 21+, or a pool that grows on demand on Java 17. Synchronous calls do not use the
 * strategy: they run on the caller's thread.
 */
public interface ExecutionStrategy {

	/**
	 * A short name for logs and configuration.
	 * @return the name
	 */
	String name();

	/**
	 * Starts a task on a thread of this strategy.
	 * @param task the task; it handles its own failures
	 */
	void execute(Runnable task);

	/**
	 * Called when a session using this strategy closes, once per session. The built-in strategies share their threads
	 * between sessions, so this does nothing for them; a custom strategy shared by several sessions must not stop
	 * its threads here.
	 */
	default void shutdown() {
	}

	/**
	 * Virtual threads when the JVM has them (Java 21+), otherwise the elastic platform-thread pool.
	 * @return the automatic strategy
	 */
	static ExecutionStrategy auto() {
		return VirtualThreadStrategy.isSupported() ? VirtualThreadStrategy.INSTANCE : ElasticPoolStrategy.INSTANCE;
	}

	/**
	 * One new virtual thread per task.
	 * @return the virtual-thread strategy
	 * @throws UnsupportedOperationException on Java versions before 21
	 */
	static ExecutionStrategy virtualThreads() {
		if (!VirtualThreadStrategy.isSupported()) {
			throw new UnsupportedOperationException(
					"Virtual threads need Java 21 or later; this JVM is " + Runtime.version() + ". Use platformThreads().");
		}
		return VirtualThreadStrategy.INSTANCE;
	}

	/**
	 * A shared pool of daemon platform threads that grows on demand and shrinks when idle.
	 * @return the platform-thread strategy
	 */
	static ExecutionStrategy platformThreads() {
		return ElasticPoolStrategy.INSTANCE;
	}

	/**
	 * A strategy over the given executor. It must not queue tasks behind each other (use an unbounded or
	 * thread-per-task executor), or nested calls can deadlock; its owner shuts it down.
	 * @param name a name for logs
	 * @param executor the executor
	 * @return the strategy
	 */
	static ExecutionStrategy of(String name, Executor executor) {
		if (name == null || name.isBlank() || executor == null) {
			throw new IllegalArgumentException("An execution strategy needs a name and an executor, got name '" + name
					+ "' and executor " + executor);
		}
		return new ExecutorStrategy(name, executor);
	}

}

package dev.railtracks.benchmarks;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One thread per task: virtual threads on Java 21+, an unbounded cached pool of daemon threads before. This is
 * LangChain4j agentic's default for parallel workflows; LangGraph4j has no default (its parallel branches run one
 * after another on the caller unless given an executor), so it gets this one too, as do the I/O floor's sleepers.
 */
final class ThreadPerTask {

	static final ExecutorService EXECUTOR = create();

	private ThreadPerTask() {
	}

	private static ExecutorService create() {
		try {
			// Looked up by name: this module compiles for Java 17.
			return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
		}
		catch (NoSuchMethodException ex) {
			return Executors.newCachedThreadPool((task) -> {
				Thread thread = new Thread(task);
				thread.setDaemon(true);
				return thread;
			});
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

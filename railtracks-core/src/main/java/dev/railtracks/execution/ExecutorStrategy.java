package dev.railtracks.execution;

import java.util.concurrent.Executor;

/** A strategy over a user-supplied executor. */
record ExecutorStrategy(String name, Executor executor) implements ExecutionStrategy {

	@Override
	public void execute(Runnable task) {
		this.executor.execute(task);
	}

}

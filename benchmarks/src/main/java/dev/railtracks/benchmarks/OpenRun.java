package dev.railtracks.benchmarks;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import dev.railtracks.FunctionNode;
import dev.railtracks.Railtracks;
import dev.railtracks.Session;
import dev.railtracks.info.ExecutionInfo;

/**
 * A session whose run has recorded a fan-out of {@code nodes} nodes in all and then waits until {@link #close()}: its
 * parent is still running, so every {@link #info()} builds a new snapshot instead of handing out the one of a
 * finished run.
 */
final class OpenRun implements AutoCloseable {

	private final Session session = new Session(BenchmarkNodes.CONFIG);

	private final CountDownLatch release = new CountDownLatch(1);

	private final CompletableFuture<ExecutionInfo> run;

	/**
	 * Starts the run and returns once its fan-out is recorded.
	 * @param nodes the nodes recorded in all: the waiting parent, the fan-out and its children
	 * @throws InterruptedException when interrupted while the fan-out runs
	 */
	OpenRun(int nodes) throws InterruptedException {
		CountDownLatch recorded = new CountDownLatch(1);
		FunctionNode<Integer> fanOutThenWait = FunctionNode.of("fan_out_then_wait", (Integer width) -> {
			int sum = Railtracks.call(BenchmarkNodes.FAN_OUT, width);
			recorded.countDown();
			this.release.await();
			return sum;
		});
		this.run = this.session.run(fanOutThenWait, nodes - 2);
		recorded.await();
	}

	/** A new snapshot of the session's record. */
	ExecutionInfo info() {
		return this.session.info();
	}

	/** Lets the run finish, and closes the session. */
	@Override
	public void close() {
		this.release.countDown();
		this.run.join();
		this.session.close();
	}

}

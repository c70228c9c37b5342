package dev.railtracks;

import java.util.concurrent.CountDownLatch;

/**
 * Nodes for tests of cancellation: they block until interrupted and say so through latches.
 */
final class BlockingNodes {

	private BlockingNodes() {
	}

	/**
	 * A node that counts down {@code started}, blocks until its thread is interrupted, then counts down
	 * {@code interrupted} and fails with the {@link InterruptedException}.
	 */
	static FunctionNode<String> blockingUntilInterrupted(String name, CountDownLatch started, CountDownLatch interrupted) {
		return FunctionNode.of(name, () -> {
			started.countDown();
			try {
				new CountDownLatch(1).await();
				return "never";
			}
			catch (InterruptedException ex) {
				interrupted.countDown();
				throw ex;
			}
		});
	}

}

package dev.railtracks;

import java.util.concurrent.CountDownLatch;

/**
 * Nodes that many tests use: a trivial child, a failing one, a parent that catches it, and one that blocks until
 * interrupted.
 */
public final class TestNodes {

	/** The length of a string. */
	public static final FunctionNode<Integer> LENGTH = FunctionNode.of("length", (String s) -> s.length());

	/** Fails with an {@link IllegalStateException} carrying the given message. */
	public static final FunctionNode<Integer> FAIL = FunctionNode.of("fail", (String message) -> {
		throw new IllegalStateException(message);
	});

	/** Calls {@link #FAIL} and answers "caught " and the message. */
	public static final FunctionNode<String> CATCHER = FunctionNode.of("catcher", (String message) -> {
		try {
			Railtracks.call(FAIL, message);
			return "not caught";
		}
		catch (IllegalStateException ex) {
			return "caught " + ex.getMessage();
		}
	});

	private TestNodes() {
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

package dev.railtracks;

/**
 * Thrown by a node when the situation is unrecoverable: it ends the whole run, whatever
 * {@link ExecutorConfig#endOnError()} says. The top-level call fails with this exception even when a parent node
 * catches it.
 */
public class FatalException extends RailtracksException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message why the run cannot go on
	 */
	public FatalException(String message) {
		super(message);
	}

	/**
	 * The engine's failure policy, the one rule for whether a node's failure ends its run: a {@code FatalException}
	 * always (also passed on by a caller as a fatal {@link NodeInvocationException}), and every failure when the
	 * session's {@link ExecutorConfig#endOnError()} is on, except an {@link ApprovalDeclinedException}, which never
	 * does. Code that handles a node's failure itself (an agent handing
	 * a tool's failure back to its model, say) asks this rather than keeping its own copy.
	 * @param failure a node's failure
	 * @param config the configuration of the session it ran in
	 * @return {@code true} when the failure ends the run
	 */
	public static boolean endsRun(Throwable failure, ExecutorConfig config) {
		if (failure instanceof ApprovalDeclinedException) {
			// A person's decision, which the caller handles (an agent tells its model): never an error of the run.
			return false;
		}
		return config.endOnError() || failure instanceof FatalException
				|| (failure instanceof NodeInvocationException invocation && invocation.isFatal());
	}

	/**
	 * Creates the exception with a cause.
	 * @param message why the run cannot go on
	 * @param cause the underlying failure
	 */
	public FatalException(String message, Throwable cause) {
		super(message, cause);
	}

}

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
	 * Creates the exception with a cause.
	 * @param message why the run cannot go on
	 * @param cause the underlying failure
	 */
	public FatalException(String message, Throwable cause) {
		super(message, cause);
	}

}

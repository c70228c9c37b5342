package dev.railtracks;

import org.jspecify.annotations.Nullable;

/**
 * Base of every exception the Railtracks engine throws. Unchecked, so node code and callers decide where to handle
 * failures.
 */
public class RailtracksException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception with a message.
	 * @param message what happened, which node, and what to do
	 */
	public RailtracksException(String message) {
		super(message);
	}

	/**
	 * Creates an exception with a message and a cause.
	 * @param message what happened, which node, and what to do
	 * @param cause the underlying failure
	 */
	public RailtracksException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}

package dev.railtracks.llm;

/**
 * A model failure that may pass if the call is tried again (rate limit, overload, timeout). Agents retry these with
 * back-off; any other failure ends the agent at once.
 */
public class TransientModelException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * A transient failure.
	 * @param message what happened
	 */
	public TransientModelException(String message) {
		super(message);
	}

	/**
	 * A transient failure with its cause.
	 * @param message what happened
	 * @param cause the provider's exception
	 */
	public TransientModelException(String message, Throwable cause) {
		super(message, cause);
	}

}

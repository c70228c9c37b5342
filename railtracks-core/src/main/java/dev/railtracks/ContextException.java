package dev.railtracks;

/**
 * Railtracks context was used where there is none: {@link Railtracks#context()}, {@link Railtracks#broadcast(Object)}
 * or {@link Railtracks#sessionId()} outside a session, or a session that is already closed.
 */
public class ContextException extends RailtracksException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message what was attempted and how to get a context
	 */
	public ContextException(String message) {
		super(message);
	}

}

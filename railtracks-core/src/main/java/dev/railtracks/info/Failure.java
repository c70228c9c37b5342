package dev.railtracks.info;

/**
 * The recorded output of a failed request: the exception the node threw (the same instance the caller received),
 * or the reason it was cancelled.
 *
 * @param exception the failure
 */
public record Failure(Throwable exception) {

	/**
	 * Creates the failure.
	 * @param exception the failure, not {@code null}
	 */
	public Failure {
		if (exception == null) {
			throw new IllegalArgumentException("A Failure needs an exception");
		}
	}

}

package dev.railtracks.durable;

import org.jspecify.annotations.Nullable;

import dev.railtracks.RailtracksException;

/**
 * An argument or result of a durable call that cannot be checkpointed: the DBOS serialiser cannot write it, or cannot
 * read back what it wrote as a value of the same type. Thrown when the call is made (or the flow invoked), never later:
 * a value that could not be read on recovery would otherwise be lost silently.
 */
public final class UncheckpointableValueException extends RailtracksException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message what cannot be checkpointed: the node, which value and its type, and why
	 * @param cause the serialiser's failure, or {@code null}
	 */
	public UncheckpointableValueException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}

package dev.railtracks;

import org.jspecify.annotations.Nullable;

/**
 * A node could not be created from the arguments of a call: wrong number or type of arguments, no matching
 * constructor, or a constructor that threw. Creation failures are never fatal to the run and are not recorded in
 * the execution state, because the node never existed.
 */
public class NodeCreationException extends RailtracksException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message which node, which argument, and what was expected
	 */
	public NodeCreationException(String message) {
		super(message);
	}

	/**
	 * Creates the exception with the failure that prevented creation.
	 * @param message which node and what went wrong
	 * @param cause the constructor's failure
	 */
	public NodeCreationException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}

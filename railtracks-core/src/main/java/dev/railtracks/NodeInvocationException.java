package dev.railtracks;

import org.jspecify.annotations.Nullable;

import dev.railtracks.support.ValueText;

/**
 * A node's {@code invoke()} failed with a checked exception; the original is kept as the cause. Unchecked
 * exceptions and errors thrown by a node reach the caller unchanged. A node may also throw this type itself with
 * {@code fatal = true} to end the whole run.
 */
public class NodeInvocationException extends RailtracksException {

	private static final long serialVersionUID = 1L;

	private final boolean fatal;

	/**
	 * Creates a non-fatal invocation failure.
	 * @param message which node failed and how
	 * @param cause what the node threw
	 */
	public NodeInvocationException(String message, @Nullable Throwable cause) {
		this(message, cause, false);
	}

	/**
	 * Creates an invocation failure.
	 * @param message which node failed and how
	 * @param cause what the node threw, may be {@code null}
	 * @param fatal whether the failure ends the whole run even when {@code endOnError} is off
	 */
	public NodeInvocationException(String message, @Nullable Throwable cause, boolean fatal) {
		super(message, cause);
		this.fatal = fatal;
	}

	/**
	 * How a node's failure reaches its caller: an unchecked exception or error unchanged (the very instance the node
	 * threw), a checked exception wrapped in a {@code NodeInvocationException} that keeps it as the cause.
	 * @param failure what the node threw
	 * @param nodeName the node's name, for the message
	 * @return the unchecked exception to throw
	 * @throws Error when the failure is an error, which is thrown as it is
	 */
	public static RuntimeException unchecked(@Nullable Throwable failure, String nodeName) {
		Throwable thrown = asThrown(failure, nodeName);
		if (thrown instanceof Error error) {
			throw error;
		}
		return (RuntimeException) thrown;
	}

	/**
	 * What {@link #unchecked} throws or returns, as a value: an unchecked exception or error unchanged, a checked
	 * exception wrapped in a {@code NodeInvocationException}.
	 * @param failure what the node threw
	 * @param nodeName the node's name, for the message
	 * @return a {@link RuntimeException} or an {@link Error}
	 */
	public static Throwable asThrown(@Nullable Throwable failure, String nodeName) {
		if (failure instanceof RuntimeException || failure instanceof Error) {
			return failure;
		}
		return new NodeInvocationException("Node '" + nodeName + "' failed: " + ValueText.of(failure), failure);
	}

	/**
	 * Whether this failure ends the whole run.
	 * @return {@code true} when fatal
	 */
	public boolean isFatal() {
		return this.fatal;
	}

}

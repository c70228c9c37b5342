package dev.railtracks.middleware;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.railtracks.RailtracksException;

/**
 * A node call that took longer than its {@link Timeout}: the node was interrupted and its request recorded failed
 * with this exception.
 */
public class NodeTimeoutException extends RailtracksException {

	private final String nodeName;

	private final Duration limit;

	/**
	 * A timeout.
	 * @param nodeName the node that timed out
	 * @param limit the limit it exceeded
	 * @param cause what the interrupted node threw, or {@code null} when it returned
	 */
	public NodeTimeoutException(String nodeName, Duration limit, @Nullable Throwable cause) {
		super("Node '" + nodeName + "' timed out after its limit of " + limit + " (Timeout middleware)", cause);
		this.nodeName = nodeName;
		this.limit = limit;
	}

	/**
	 * The node that timed out.
	 * @return its name
	 */
	public String nodeName() {
		return this.nodeName;
	}

	/**
	 * The limit it exceeded.
	 * @return the limit
	 */
	public Duration limit() {
		return this.limit;
	}

}

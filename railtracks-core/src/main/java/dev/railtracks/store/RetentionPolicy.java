package dev.railtracks.store;

import java.time.Duration;

/**
 * Which saved sessions a {@link SessionStore} keeps: at most {@code maxSessions} of them, none saved longer ago than
 * {@code maxAge}, and at most {@code maxTotalBytes} of documents together; the oldest go first. Sessions are ranked
 * newest first: one goes when it is past {@code maxSessions}, too old, or when the documents up to and including it
 * pass {@code maxTotalBytes}, so an older session is never kept while a newer one is deleted.
 *
 * @param maxSessions the most sessions kept
 * @param maxAge the oldest a kept session may be, counted from when it was saved
 * @param maxTotalBytes the most bytes of documents kept together
 */
public record RetentionPolicy(int maxSessions, Duration maxAge, long maxTotalBytes) {

	/**
	 * Checks the limits.
	 * @param maxSessions the most sessions kept
	 * @param maxAge the oldest a kept session may be
	 * @param maxTotalBytes the most bytes kept together
	 * @throws IllegalArgumentException when a limit is negative
	 */
	public RetentionPolicy {
		if (maxSessions < 0) {
			throw new IllegalArgumentException("maxSessions must not be negative but was " + maxSessions);
		}
		if (maxAge.isNegative()) {
			throw new IllegalArgumentException("maxAge must not be negative but was " + maxAge);
		}
		if (maxTotalBytes < 0) {
			throw new IllegalArgumentException("maxTotalBytes must not be negative but was " + maxTotalBytes);
		}
	}

	/**
	 * What applying the policy did.
	 * @param deleted sessions deleted
	 * @param deletedBytes their bytes
	 * @param kept sessions kept
	 * @param keptBytes their bytes
	 */
	public record Outcome(int deleted, long deletedBytes, int kept, long keptBytes) {
	}

}

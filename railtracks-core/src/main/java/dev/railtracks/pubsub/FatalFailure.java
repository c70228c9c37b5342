package dev.railtracks.pubsub;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.railtracks.support.ValueText;

/**
 * A failure that ends the whole run: any failure when {@code endOnError} is on, or a
 * {@link dev.railtracks.FatalException} at any time. The top-level call fails with {@code error}.
 *
 * @param sessionId the session id
 * @param requestId the failed request's id
 * @param parentNodeId the calling node's id, {@code null} for a top-level call
 * @param nodeName the failed node's name
 * @param error the failure
 * @param timestamp when it happened
 */
public record FatalFailure(String sessionId, String requestId, @Nullable String parentNodeId, String nodeName,
		Throwable error, Instant timestamp) implements RequestCompletionMessage {

	@Override
	public String logMessage() {
		return this.nodeName + " FAILED FATALLY, ending the run: " + ValueText.of(this.error);
	}

}

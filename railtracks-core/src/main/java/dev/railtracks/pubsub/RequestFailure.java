package dev.railtracks.pubsub;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.railtracks.support.ValueText;

/**
 * A node threw. Its caller receives the same exception.
 *
 * @param sessionId the session id
 * @param requestId the request's id
 * @param parentNodeId the calling node's id, {@code null} for a top-level call
 * @param nodeName the node's name
 * @param nodeId the node's id
 * @param error what the node threw
 * @param timestamp when it failed
 */
public record RequestFailure(String sessionId, String requestId, @Nullable String parentNodeId, String nodeName,
		String nodeId, Throwable error, Instant timestamp) implements RequestCompletionMessage {

	@Override
	public String logMessage() {
		return this.nodeName + " FAILED with error " + ValueText.of(this.error);
	}

}

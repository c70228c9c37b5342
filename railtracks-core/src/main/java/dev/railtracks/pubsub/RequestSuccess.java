package dev.railtracks.pubsub;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.railtracks.support.ValueText;

/**
 * A node returned a result.
 *
 * @param sessionId the session id
 * @param requestId the request's id
 * @param parentNodeId the calling node's id, {@code null} for a top-level call
 * @param nodeName the node's name
 * @param nodeId the node's id
 * @param result what the node returned
 * @param timestamp when it finished
 */
public record RequestSuccess(String sessionId, String requestId, @Nullable String parentNodeId, String nodeName,
		String nodeId, @Nullable Object result, Instant timestamp) implements RequestCompletionMessage {

	@Override
	public String logMessage() {
		return this.nodeName + " DONE with result " + ValueText.of(this.result);
	}

}

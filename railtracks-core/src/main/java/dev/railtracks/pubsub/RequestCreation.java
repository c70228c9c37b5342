package dev.railtracks.pubsub;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A node was called: the request and the node are recorded and the node is about to run.
 *
 * @param sessionId the session id
 * @param requestId the new request's id
 * @param parentNodeId the calling node's id, {@code null} for a top-level call
 * @param nodeName the called node's name
 * @param nodeId the called node's id
 * @param args the call's arguments
 * @param timestamp when it was created
 */
public record RequestCreation(String sessionId, String requestId, @Nullable String parentNodeId, String nodeName,
		String nodeId, List<@Nullable Object> args, Instant timestamp) implements RequestCompletionMessage {

	@Override
	public String logMessage() {
		return "RequestCreation " + this.nodeName + " (request " + this.requestId + ") with " + this.args.size()
				+ " argument(s)";
	}

}

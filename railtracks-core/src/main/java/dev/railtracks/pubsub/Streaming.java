package dev.railtracks.pubsub;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.railtracks.support.ValueText;

/**
 * An item a node {@link dev.railtracks.Railtracks#broadcast broadcast}. Delivered to subscribers before the node's
 * completion reaches its caller.
 *
 * @param sessionId the session id
 * @param requestId the broadcasting node's request, {@code null} outside a node
 * @param parentNodeId the broadcasting node's id, {@code null} outside a node
 * @param nodeName the broadcasting node's name, {@code "session"} outside a node
 * @param item the item
 * @param timestamp when it was broadcast
 */
public record Streaming(String sessionId, @Nullable String requestId, @Nullable String parentNodeId, String nodeName,
		@Nullable Object item, Instant timestamp) implements RequestCompletionMessage {

	@Override
	public String logMessage() {
		return this.nodeName + " BROADCAST " + ValueText.of(this.item);
	}

}

package dev.railtracks.pubsub;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Everything that happens in a session, as published on its {@link RTPublisher}: a request created, succeeded or
 * failed, a failure that ends the run, or a broadcast item.
 */
public sealed interface RequestCompletionMessage permits RequestCreation, RequestSuccess, RequestFailure, FatalFailure,
		Streaming {

	/**
	 * The session the message belongs to.
	 * @return the session id
	 */
	String sessionId();

	/**
	 * The request the message is about; for a broadcast, the broadcasting node's request ({@code null} when the
	 * broadcast came from outside any node).
	 * @return the request id
	 */
	@Nullable String requestId();

	/**
	 * The node that made the request, or for a broadcast the broadcasting node; {@code null} at the top level.
	 * @return the parent node id
	 */
	@Nullable String parentNodeId();

	/**
	 * The name of the node the message is about ({@code "session"} for a broadcast outside any node).
	 * @return the node name
	 */
	String nodeName();

	/**
	 * When it happened.
	 * @return the time
	 */
	Instant timestamp();

	/**
	 * A one-line description for logs.
	 * @return the log text
	 */
	String logMessage();

}

package dev.railtracks.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;

import dev.railtracks.pubsub.Streaming;

/**
 * A node {@link dev.railtracks.Railtracks#broadcast broadcast} an item in a session made by the
 * {@link SessionFactory}.
 */
public class BroadcastEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final String sessionId;

	private final transient Streaming message;

	/**
	 * An event for one broadcast.
	 * @param source the object that published the event
	 * @param sessionId the session's identifier
	 * @param message the streaming message
	 */
	public BroadcastEvent(Object source, String sessionId, Streaming message) {
		super(source);
		this.sessionId = sessionId;
		this.message = message;
	}

	/**
	 * The session the item was broadcast in.
	 * @return the session id
	 */
	public String getSessionId() {
		return this.sessionId;
	}

	/**
	 * The broadcast item.
	 * @return the item
	 */
	public @Nullable Object getItem() {
		return this.message.item();
	}

	/**
	 * The whole streaming message, with the broadcasting node's name and request.
	 * @return the message
	 */
	public Streaming getMessage() {
		return this.message;
	}

}

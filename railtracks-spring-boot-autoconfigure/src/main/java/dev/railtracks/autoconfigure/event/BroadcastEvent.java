package dev.railtracks.autoconfigure.event;

import org.jspecify.annotations.Nullable;

import dev.railtracks.Session;
import dev.railtracks.autoconfigure.SessionFactory;
import dev.railtracks.pubsub.Streaming;

/**
 * A node {@link dev.railtracks.Railtracks#broadcast broadcast} an item in a session made by the
 * {@link SessionFactory}. Delivered in the session's message order, on its delivery thread.
 */
public class BroadcastEvent extends RailtracksEvent {

	private static final long serialVersionUID = 1L;

	private final transient Streaming message;

	/**
	 * An event for one broadcast.
	 * @param source the object that published the event
	 * @param session the session the item was broadcast in
	 * @param message the streaming message
	 */
	public BroadcastEvent(Object source, Session session, Streaming message) {
		super(source, session);
		this.message = message;
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

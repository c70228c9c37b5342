package dev.railtracks.autoconfigure.event;

import dev.railtracks.Session;
import dev.railtracks.autoconfigure.SessionFactory;
import dev.railtracks.pubsub.RequestCompletionMessage;

/**
 * A request of a session was created, succeeded or failed, or a fatal failure ended the run. Published for every
 * message of every session made by the {@link SessionFactory}, except broadcasts, which arrive as
 * {@link BroadcastEvent}. Delivered in the session's message order, on its delivery thread.
 */
public class RequestCompletionEvent extends RailtracksEvent {

	private static final long serialVersionUID = 1L;

	private final transient RequestCompletionMessage message;

	/**
	 * An event for one message.
	 * @param source the object that published the event
	 * @param session the session the message belongs to
	 * @param message the message
	 */
	public RequestCompletionEvent(Object source, Session session, RequestCompletionMessage message) {
		super(source, session);
		this.message = message;
	}

	/**
	 * The message: a {@link dev.railtracks.pubsub.RequestCreation}, {@link dev.railtracks.pubsub.RequestSuccess},
	 * {@link dev.railtracks.pubsub.RequestFailure} or {@link dev.railtracks.pubsub.FatalFailure}.
	 * @return the message
	 */
	public RequestCompletionMessage getMessage() {
		return this.message;
	}

}

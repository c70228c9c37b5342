package dev.railtracks.autoconfigure;

import org.springframework.context.ApplicationEvent;

import dev.railtracks.pubsub.RequestCompletionMessage;

/**
 * A request of a session was created, succeeded or failed, or a fatal failure ended the run. Published for every
 * message of every session made by the {@link SessionFactory}, except broadcasts, which arrive as
 * {@link BroadcastEvent}. Delivered in the session's message order, on its delivery thread.
 */
public class RequestCompletionEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final String sessionId;

	private final transient RequestCompletionMessage message;

	/**
	 * An event for one message.
	 * @param source the object that published the event
	 * @param sessionId the session's identifier
	 * @param message the message
	 */
	public RequestCompletionEvent(Object source, String sessionId, RequestCompletionMessage message) {
		super(source);
		this.sessionId = sessionId;
		this.message = message;
	}

	/**
	 * The session the message belongs to.
	 * @return the session id
	 */
	public String getSessionId() {
		return this.sessionId;
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

package dev.railtracks.autoconfigure.event;

import dev.railtracks.Session;
import dev.railtracks.autoconfigure.SessionFactory;

/**
 * A session made by the {@link SessionFactory} is initialised and ready to run nodes. Published on the thread that
 * created the session, before any other {@link RailtracksEvent} of the session.
 */
public class SessionStartedEvent extends RailtracksEvent {

	private static final long serialVersionUID = 1L;

	/**
	 * An event for a new session.
	 * @param source the object that published the event
	 * @param session the new session
	 */
	public SessionStartedEvent(Object source, Session session) {
		super(source, session);
	}

}

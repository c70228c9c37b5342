package dev.railtracks.autoconfigure.event;

import dev.railtracks.Session;
import dev.railtracks.autoconfigure.SessionFactory;
import dev.railtracks.info.ExecutionInfo;

/**
 * A session made by the {@link SessionFactory} closed: every message was delivered, its state is saved (when
 * configured). Published on the thread that closed the session, after every {@link RequestCompletionEvent} and
 * {@link BroadcastEvent} of the session.
 */
public class SessionClosedEvent extends RailtracksEvent {

	private static final long serialVersionUID = 1L;

	private final transient ExecutionInfo finalInfo;

	/**
	 * An event for a closed session.
	 * @param source the object that published the event
	 * @param session the closed session
	 * @param finalInfo the execution state at close
	 */
	public SessionClosedEvent(Object source, Session session, ExecutionInfo finalInfo) {
		super(source, session);
		this.finalInfo = finalInfo;
	}

	/**
	 * The final execution state: every node and request of the session.
	 * @return the execution info
	 */
	public ExecutionInfo getFinalInfo() {
		return this.finalInfo;
	}

}

package dev.railtracks.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEvent;

import dev.railtracks.Session;

/**
 * A session made by the {@link SessionFactory} is initialised and ready to run nodes. Published on the thread that
 * created the session.
 */
public class SessionStartedEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final transient Session session;

	/**
	 * An event for a new session.
	 * @param source the object that published the event
	 * @param session the new session
	 */
	public SessionStartedEvent(Object source, Session session) {
		super(source);
		this.session = session;
	}

	/**
	 * The new session.
	 * @return the session
	 */
	public Session getSession() {
		return this.session;
	}

	/**
	 * The new session's identifier.
	 * @return the session id
	 */
	public String getSessionId() {
		return this.session.identifier();
	}

	/**
	 * The name of the {@link dev.railtracks.Flow} that started the session.
	 * @return the flow's name, or {@code null} when no flow started it
	 */
	public @Nullable String getFlowName() {
		return this.session.flowName();
	}

}

package dev.railtracks.autoconfigure.event;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEvent;

import dev.railtracks.Session;
import dev.railtracks.autoconfigure.SessionFactory;
import dev.railtracks.durable.Durability;

/**
 * Something that happened in a session made by the {@link SessionFactory}: the common type of
 * {@link SessionStartedEvent}, {@link RequestCompletionEvent}, {@link BroadcastEvent} and {@link SessionClosedEvent},
 * so that one listener can take them all ({@code @EventListener void on(RailtracksEvent event)}) in the session's
 * order. The {@link #getSource() source} is the {@link RailtracksEventBridge} that published it, and
 * {@link #getTimestamp()} is when it was published.
 */
public abstract class RailtracksEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final String sessionId;

	private final transient Session session;

	/**
	 * An event of a session.
	 * @param source the object that published the event
	 * @param session the session it happened in
	 */
	protected RailtracksEvent(Object source, Session session) {
		super(source);
		this.session = session;
		this.sessionId = session.identifier();
	}

	/**
	 * The session the event happened in.
	 * @return the session
	 */
	public Session getSession() {
		return this.session;
	}

	/**
	 * The identifier of the session the event happened in.
	 * @return the session id
	 */
	public String getSessionId() {
		return this.sessionId;
	}

	/**
	 * The session's name ({@code railtracks.session-name}).
	 * @return the name, or {@code null} when none is set
	 */
	public @Nullable String getSessionName() {
		return this.session.name();
	}

	/**
	 * The name of the {@link dev.railtracks.Flow} that started the session.
	 * @return the flow's name, or {@code null} when no flow started it
	 */
	public @Nullable String getFlowName() {
		return this.session.flowName();
	}

	/**
	 * Whether the session is a durable run executing again: recovered after a crash or by another executor, resumed,
	 * or forked from another run's call (its context has {@link Durability#RECOVERED}). A durable run's first execution, and every session that is
	 * not a durable run, is not.
	 * @return whether the session continues a durable run
	 */
	public boolean isRecovered() {
		// A constant, compiled in: applications without DBOS (and so without Durability's class) can call this too.
		return Boolean.TRUE.equals(this.session.context().get(Durability.RECOVERED, false));
	}

}

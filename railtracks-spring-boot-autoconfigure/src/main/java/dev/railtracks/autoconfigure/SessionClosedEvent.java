package dev.railtracks.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEvent;

import dev.railtracks.Session;
import dev.railtracks.info.ExecutionInfo;

/**
 * A session made by the {@link SessionFactory} closed: every message was delivered, its state is saved (when
 * configured). Published on the thread that closed the session, after every {@link RequestCompletionEvent} and
 * {@link BroadcastEvent} of the session.
 */
public class SessionClosedEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final transient Session session;

	private final transient ExecutionInfo finalInfo;

	/**
	 * An event for a closed session.
	 * @param source the object that published the event
	 * @param session the closed session
	 * @param finalInfo the execution state at close
	 */
	public SessionClosedEvent(Object source, Session session, ExecutionInfo finalInfo) {
		super(source);
		this.session = session;
		this.finalInfo = finalInfo;
	}

	/**
	 * The closed session.
	 * @return the session
	 */
	public Session getSession() {
		return this.session;
	}

	/**
	 * The closed session's identifier.
	 * @return the session id
	 */
	public String getSessionId() {
		return this.session.identifier();
	}

	/**
	 * The final execution state: every node and request of the session.
	 * @return the execution info
	 */
	public ExecutionInfo getFinalInfo() {
		return this.finalInfo;
	}

	/**
	 * The name of the {@link dev.railtracks.Flow} that started the session.
	 * @return the flow's name, or {@code null} when no flow started it
	 */
	public @Nullable String getFlowName() {
		return this.session.flowName();
	}

}

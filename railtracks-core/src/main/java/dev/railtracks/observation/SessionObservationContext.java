package dev.railtracks.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What a {@code railtracks.session} observation knows about one session.
 */
public class SessionObservationContext extends Observation.Context {

	private final String sessionId;

	private final @Nullable String sessionName;

	private final @Nullable String flowName;

	/**
	 * Creates the context of a session no flow started.
	 * @param sessionId the session's identifier
	 * @param sessionName the session's name, or {@code null}
	 */
	public SessionObservationContext(String sessionId, @Nullable String sessionName) {
		this(sessionId, sessionName, null);
	}

	/**
	 * Creates the context.
	 * @param sessionId the session's identifier
	 * @param sessionName the session's name, or {@code null}
	 * @param flowName the name of the flow that started the session, or {@code null}
	 */
	public SessionObservationContext(String sessionId, @Nullable String sessionName, @Nullable String flowName) {
		this.sessionId = sessionId;
		this.sessionName = sessionName;
		this.flowName = flowName;
	}

	/**
	 * The session's identifier.
	 * @return the session id
	 */
	public String getSessionId() {
		return this.sessionId;
	}

	/**
	 * The session's name.
	 * @return the name, or {@code null}
	 */
	public @Nullable String getSessionName() {
		return this.sessionName;
	}

	/**
	 * The name of the {@link dev.railtracks.Flow} that started the session.
	 * @return the flow's name, or {@code null}
	 */
	public @Nullable String getFlowName() {
		return this.flowName;
	}

}

package dev.railtracks.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What a {@code railtracks.session} observation knows about one session.
 */
public class SessionObservationContext extends Observation.Context {

	private final String sessionId;

	private final @Nullable String sessionName;

	/**
	 * Creates the context.
	 * @param sessionId the session's identifier
	 * @param sessionName the session's name, or {@code null}
	 */
	public SessionObservationContext(String sessionId, @Nullable String sessionName) {
		this.sessionId = sessionId;
		this.sessionName = sessionName;
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

}

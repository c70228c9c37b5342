package dev.railtracks;

import dev.railtracks.info.ExecutionInfo;

/**
 * Told when a session starts and when it closes. Integrations (the Spring event bridge, the actuator endpoint) use
 * it to follow sessions. A listener that throws is logged and ignored.
 */
public interface SessionListener {

	/**
	 * The session is initialised and ready to run nodes.
	 * @param session the new session
	 */
	default void sessionStarted(Session session) {
	}

	/**
	 * The session closed: its state is saved (when configured) and its threads are released.
	 * @param session the closed session
	 * @param finalInfo the execution state at close
	 */
	default void sessionClosed(Session session, ExecutionInfo finalInfo) {
	}

}

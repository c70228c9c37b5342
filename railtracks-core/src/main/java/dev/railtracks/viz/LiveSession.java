package dev.railtracks.viz;

import org.jspecify.annotations.Nullable;

import dev.railtracks.Session;
import dev.railtracks.info.ExecutionInfo;

/**
 * A session the serving application knows in memory, as the visualiser shows it: one it is running, or one it
 * closed recently and still remembers (see {@link LiveSessions}).
 *
 * @param sessionId the session id
 * @param sessionName the session's name, or {@code null}
 * @param flowName the name of the flow that started the session, or {@code null}
 * @param flowId the id of the flow that started the session, or {@code null}
 * @param startNanos when the session started, epoch nanoseconds
 * @param endNanos when it closed, epoch nanoseconds, or {@code null} while it runs
 * @param info its record: a snapshot while it runs, the final record once closed
 */
public record LiveSession(String sessionId, @Nullable String sessionName, @Nullable String flowName,
		@Nullable String flowId, long startNanos, @Nullable Long endNanos, ExecutionInfo info) {

	/**
	 * A running session as it is now.
	 * @param session the session
	 * @return the session with a snapshot of its record
	 */
	public static LiveSession running(Session session) {
		return new LiveSession(session.identifier(), session.name(), session.flowName(), session.flowId(),
				session.startNanos(), null, session.info());
	}

	/**
	 * Whether the session is still running: a closed session never is, whatever its record left open.
	 * @return {@code true} while it runs
	 */
	public boolean isRunning() {
		return this.endNanos == null;
	}

}

package dev.railtracks.viz;

import java.util.List;
import java.util.Optional;

/**
 * The sessions an application knows in memory, for the visualiser: the ones it is running and the ones it closed
 * recently. A Spring Boot application implements this over its session tracker; the command-line server has none,
 * so it shows saved files only. Implementations are thread-safe.
 */
public interface LiveSessions {

	/**
	 * The running sessions and the recently closed ones, in any order (the visualiser sorts them).
	 * @return a snapshot of the sessions
	 */
	List<LiveSession> list();

	/**
	 * A session by id: the running one if one runs (the most recently started, if several share the id), else the
	 * most recently closed one.
	 * @param sessionId the session id
	 * @return the session, or empty when none is known
	 */
	Optional<LiveSession> find(String sessionId);

}

package dev.railtracks.autoconfigure.viz;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.railtracks.autoconfigure.lifecycle.ClosedSession;
import dev.railtracks.autoconfigure.lifecycle.RailtracksSessionTracker;
import dev.railtracks.viz.LiveSession;
import dev.railtracks.viz.LiveSessions;

/**
 * The sessions the application's {@link RailtracksSessionTracker} follows, as the visualiser reads them: the running
 * ones and the recently closed ones.
 */
final class TrackedSessions implements LiveSessions {

	private final RailtracksSessionTracker tracker;

	TrackedSessions(RailtracksSessionTracker tracker) {
		this.tracker = tracker;
	}

	@Override
	public List<LiveSession> list() {
		List<LiveSession> sessions = new ArrayList<>();
		this.tracker.activeSessions().forEach((session) -> sessions.add(LiveSession.running(session)));
		this.tracker.recentSessions().forEach((closed) -> sessions.add(closed(closed)));
		return sessions;
	}

	@Override
	public Optional<LiveSession> find(String sessionId) {
		return this.tracker.findActive(sessionId)
			.map(LiveSession::running)
			.or(() -> this.tracker.findRecent(sessionId).map(TrackedSessions::closed));
	}

	private static LiveSession closed(ClosedSession closed) {
		return new LiveSession(closed.identifier(), closed.name(), closed.flowName(), closed.flowId(),
				nanos(closed.startedAt()), nanos(closed.closedAt()), closed.finalInfo());
	}

	private static long nanos(Instant instant) {
		return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
	}

}

package dev.railtracks.autoconfigure.lifecycle;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.railtracks.Session;
import dev.railtracks.SessionListener;
import dev.railtracks.autoconfigure.SessionFactory;
import dev.railtracks.info.ExecutionInfo;

/**
 * Follows the sessions made by the {@link SessionFactory}: the open ones, and the most recently closed ones up to a
 * limit. Backs the {@code railtracks.sessions.active} gauge and the {@code railtracks} actuator endpoint. Open
 * sessions are tracked by identity, so sessions sharing an id (a fixed {@code railtracks.run-identifier}) are each
 * counted. Thread-safe.
 */
public final class RailtracksSessionTracker implements SessionListener {

	private final Set<Session> active = Collections.newSetFromMap(new IdentityHashMap<>());

	private final Deque<ClosedSession> recent = new ArrayDeque<>();

	private final int recentLimit;

	/**
	 * A tracker that remembers at most {@code recentLimit} closed sessions.
	 * @param recentLimit how many closed sessions to remember; zero for none
	 * @throws IllegalArgumentException when the limit is negative
	 */
	public RailtracksSessionTracker(int recentLimit) {
		if (recentLimit < 0) {
			throw new IllegalArgumentException("recentLimit must not be negative but was " + recentLimit);
		}
		this.recentLimit = recentLimit;
	}

	@Override
	public void sessionStarted(Session session) {
		synchronized (this.active) {
			this.active.add(session);
		}
	}

	@Override
	public void sessionClosed(Session session, ExecutionInfo finalInfo) {
		synchronized (this.active) {
			this.active.remove(session);
		}
		if (this.recentLimit == 0) {
			return;
		}
		ClosedSession closed = new ClosedSession(session.identifier(), session.name(),
				Instant.EPOCH.plusNanos(session.startNanos()), Instant.now(), finalInfo, session.flowName(),
				session.flowId());
		synchronized (this.recent) {
			this.recent.addFirst(closed);
			while (this.recent.size() > this.recentLimit) {
				this.recent.removeLast();
			}
		}
	}

	/**
	 * How many sessions are open.
	 * @return the number of active sessions
	 */
	public int activeCount() {
		synchronized (this.active) {
			return this.active.size();
		}
	}

	/**
	 * The open sessions.
	 * @return a snapshot of the active sessions
	 */
	public List<Session> activeSessions() {
		synchronized (this.active) {
			return List.copyOf(this.active);
		}
	}

	/**
	 * The most recently closed sessions, newest first.
	 * @return a snapshot of the remembered closed sessions
	 */
	public List<ClosedSession> recentSessions() {
		synchronized (this.recent) {
			return new ArrayList<>(this.recent);
		}
	}

	/**
	 * An open session by id (the most recently started, if a fixed run identifier made several).
	 * @param sessionId the session id
	 * @return the session, if open
	 */
	public Optional<Session> findActive(String sessionId) {
		return activeSessions().stream()
			.filter((session) -> session.identifier().equals(sessionId))
			.max(Comparator.comparingLong(Session::startNanos));
	}

	/**
	 * A remembered closed session by id (the newest, if a fixed run identifier made several).
	 * @param sessionId the session id
	 * @return the closed session, if remembered
	 */
	public Optional<ClosedSession> findRecent(String sessionId) {
		synchronized (this.recent) {
			return this.recent.stream().filter((closed) -> closed.identifier().equals(sessionId)).findFirst();
		}
	}

}

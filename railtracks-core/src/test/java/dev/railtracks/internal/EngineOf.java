package dev.railtracks.internal;

import dev.railtracks.Session;

/** Reaches the engine of a session created on the current thread, for tests of engine parts. */
final class EngineOf {

	private EngineOf() {
	}

	/** The RT state of the session that is the current thread's session, checked to be {@code session}'s. */
	static RTState state(Session session) {
		Scope scope = Scope.current();
		if (scope == null || !scope.state.sessionId().equals(session.identifier())) {
			throw new IllegalStateException(session + " is not the current thread's session");
		}
		return scope.state;
	}

}

package dev.railtracks.internal;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What the current thread works for: a session, and inside a node the node's request. Scopes stack per thread; a
 * node's scope is installed on whichever thread runs it and removed afterwards, so context never leaks between
 * sessions or onto pooled threads. Internal to the engine; users go through {@code Railtracks}.
 */
final class Scope {

	private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

	final RTState state;

	final @Nullable LiveRequest record;

	/** Synchronous calls nested on this thread; past a limit, calls move to a fresh thread and its fresh stack. */
	final int depth;

	final @Nullable Observation observation;

	private final @Nullable Scope previous;

	private Scope(RTState state, @Nullable LiveRequest record, int depth, @Nullable Observation observation,
			@Nullable Scope previous) {
		this.state = state;
		this.record = record;
		this.depth = depth;
		this.observation = observation;
		this.previous = previous;
	}

	/**
	 * The innermost scope of an open session on this thread.
	 * @return the scope, or {@code null} outside every session
	 */
	public static @Nullable Scope current() {
		Scope innermost = CURRENT.get();
		Scope scope = skipClosedSessions(innermost);
		if (scope != innermost) {
			// A session closed by another thread left its scope here: drop it so it cannot keep the session reachable.
			restore(scope);
		}
		return scope;
	}

	/**
	 * The first scope from {@code scope} outwards that is not the session-level scope of a closed session. A node's
	 * scope is never skipped: a node still running after its session closed must fail its calls, not run them
	 * somewhere else.
	 */
	private static @Nullable Scope skipClosedSessions(@Nullable Scope scope) {
		while (scope != null && scope.record == null && scope.state.isClosed()) {
			scope = scope.previous;
		}
		return scope;
	}

	/**
	 * Whether the thread is running a node (rather than just holding a session open).
	 * @return {@code true} inside a node
	 */
	public boolean inNode() {
		return this.record != null;
	}

	/** Installs a session-level scope on this thread, as a session does when it is created. */
	static Scope bindSession(RTState state, @Nullable Observation sessionObservation) {
		// Skip scopes of sessions closed meanwhile (possibly on other threads) so this thread does not keep them alive.
		Scope previous = current();
		// A session opened inside a node runs its top-level nodes on this thread's stack too: it counts on from there.
		Scope scope = new Scope(state, null, (previous != null) ? previous.depth : 0, sessionObservation, previous);
		CURRENT.set(scope);
		return scope;
	}

	/** Removes this session-level scope if it is the innermost one on this thread, as a closing session does. */
	public void unbindSession() {
		if (CURRENT.get() == this) {
			restore(skipClosedSessions(this.previous));
		}
	}

	static Scope enterNode(RTState state, LiveRequest record, int depth, @Nullable Observation observation) {
		Scope scope = new Scope(state, record, depth, observation, CURRENT.get());
		CURRENT.set(scope);
		return scope;
	}

	void exit() {
		restore(this.previous);
	}

	private static void restore(@Nullable Scope scope) {
		if (scope == null) {
			CURRENT.remove();
		}
		else {
			CURRENT.set(scope);
		}
	}

}

package dev.railtracks.store;

import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * What a {@link SessionWriter} knows about its stores' outages: which stores did not answer their last save (a
 * {@link StoreUnavailableException}), and how long the writer's current store call has lasted, so that closing
 * threads stop waiting for room in a full queue once a call has stalled. The writer thread reports its calls; closing
 * threads ask.
 */
final class StoreOutages {

	private static final long IDLE = Long.MIN_VALUE;

	private final long stallNanos;

	/** When the writer's current store call started ({@link System#nanoTime()}), or {@link #IDLE}. */
	private volatile long callSince = IDLE;

	/** The stores whose last save failed with {@link StoreUnavailableException}; by identity. */
	private final Set<SessionStore> notAnswering = Collections.newSetFromMap(Collections.synchronizedMap(new IdentityHashMap<>()));

	/**
	 * Tracks outages with a stall timeout.
	 * @param stallTimeout how long one store call may last before it counts as stalled
	 * @throws IllegalArgumentException when the stall timeout is not positive
	 */
	StoreOutages(Duration stallTimeout) {
		if (stallTimeout.isNegative() || stallTimeout.isZero()) {
			throw new IllegalArgumentException("stallTimeout must be positive but was " + stallTimeout);
		}
		this.stallNanos = stallTimeout.toNanos();
	}

	/** The writer starts a store call. */
	void callStarted() {
		this.callSince = System.nanoTime();
	}

	/** The writer's store call returned or threw. */
	void callEnded() {
		this.callSince = IDLE;
	}

	/**
	 * Whether the writer's current store call has lasted longer than the stall timeout.
	 * @return {@code true} when it has
	 */
	boolean stalled() {
		long since = this.callSince;
		return since != IDLE && System.nanoTime() - since > this.stallNanos;
	}

	/**
	 * Whether a call that started at {@code started} ({@link System#nanoTime()}) failed quickly: within the stall
	 * timeout, as a stale pooled connection does.
	 * @param started when the call started
	 * @return {@code true} when it ended within the stall timeout
	 */
	boolean quick(long started) {
		return System.nanoTime() - started < this.stallNanos;
	}

	/**
	 * Whether the store's last save failed because the store did not answer.
	 * @param store the store
	 * @return {@code true} until a save to it succeeds again
	 */
	boolean isDown(SessionStore store) {
		return this.notAnswering.contains(store);
	}

	/**
	 * A save to the store succeeded.
	 * @param store the store
	 */
	void answered(SessionStore store) {
		this.notAnswering.remove(store);
	}

	/**
	 * A save to the store failed; a {@link StoreUnavailableException} marks it down.
	 * @param store the store
	 * @param failure what it threw
	 */
	void failed(SessionStore store, Exception failure) {
		if (StoreUnavailableException.isUnavailable(failure)) {
			this.notAnswering.add(store);
		}
	}

}

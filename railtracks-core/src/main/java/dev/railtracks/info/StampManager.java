package dev.railtracks.info;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out the steps of one session's history and keeps every stamp made. Thread-safe and lock-free: a step is one
 * atomic increment. {@link #snapshot()} gives a frozen copy, which is what an {@link ExecutionInfo} holds.
 */
public final class StampManager {

	private final AtomicLong nextStep;

	private final Queue<Stamp> stamps;

	private final boolean frozen;

	/**
	 * A new, empty history.
	 */
	public StampManager() {
		this(new AtomicLong(), new ConcurrentLinkedQueue<>(), false);
	}

	private StampManager(AtomicLong nextStep, Queue<Stamp> stamps, boolean frozen) {
		this.nextStep = nextStep;
		this.stamps = stamps;
		this.frozen = frozen;
	}

	/**
	 * A copy that never changes: the stamps made so far and the step reached.
	 * @return the frozen copy
	 */
	public StampManager snapshot() {
		if (this.frozen) {
			return this;
		}
		long step = this.nextStep.get();
		// Stamps are kept after their step is taken: one racing with this copy may be left out, never half in.
		return new StampManager(new AtomicLong(step), new java.util.ArrayDeque<>(this.stamps), true);
	}

	/**
	 * Makes a stamp at the next step.
	 * @param identifier what happened
	 * @return the stamp
	 */
	public Stamp createStamp(String identifier) {
		return keep(Stamp.of(takeStep(), EpochClock.nowNanos(), identifier));
	}

	/**
	 * Stamps a request's creation: {@code "parent CREATED child"}.
	 * @param parentName the caller's name ({@code START} at top level)
	 * @param childName the new node's name
	 * @return the stamp
	 */
	public Stamp created(String parentName, String childName) {
		return keep(Stamp.created(takeStep(), EpochClock.nowNanos(), parentName, childName));
	}

	/**
	 * Stamps a node's end: {@code "Finished executing node"}.
	 * @param nodeName the node's name
	 * @return the stamp
	 */
	public Stamp finished(String nodeName) {
		return keep(Stamp.finished(takeStep(), EpochClock.nowNanos(), nodeName));
	}

	/**
	 * Stamps a request ended from outside (cancelled, timed out, ended with its run) in the original's words:
	 * {@code "Cancelled request <request id>"}.
	 * @param requestId the request's id
	 * @return the stamp
	 */
	public Stamp cancelled(String requestId) {
		return keep(Stamp.cancelled(takeStep(), EpochClock.nowNanos(), requestId));
	}

	/**
	 * The step the next stamp will get.
	 * @return the current step
	 */
	public long currentStep() {
		return this.nextStep.get();
	}

	/**
	 * Every stamp made so far, sorted by step then time.
	 * @return a new sorted list
	 */
	public List<Stamp> allStamps() {
		List<Stamp> all = new ArrayList<>(this.stamps);
		Collections.sort(all);
		return all;
	}

	/**
	 * The identifiers logged at each step.
	 * @return a new map from step to identifiers, ordered by step
	 */
	public Map<Long, List<String>> stepLogs() {
		Map<Long, List<String>> logs = new TreeMap<>();
		for (Stamp stamp : allStamps()) {
			logs.computeIfAbsent(stamp.step(), (step) -> new ArrayList<>()).add(stamp.identifier());
		}
		return logs;
	}

	private long takeStep() {
		if (this.frozen) {
			throw new IllegalStateException("This is a snapshot's history, which never changes; stamp through the session");
		}
		return this.nextStep.getAndIncrement();
	}

	private Stamp keep(Stamp stamp) {
		this.stamps.add(stamp);
		return stamp;
	}

}

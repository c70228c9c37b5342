package dev.railtracks.info;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.railtracks.support.EpochClock;

/**
 * Hands out the steps of one session's history. A step is one atomic increment, taken by every recorded version and
 * every manual stamp; the stamps of the versions live in the versions themselves, so this keeps only the manual ones
 * ({@link #createStamp}). {@link ExecutionInfo} holds a frozen copy, which also knows the versions of its record and
 * so answers with the whole history.
 */
public final class StampManager {

	private static final RequestTemplate[] NO_VERSIONS = {};

	static {
		// The engine writes records through it (RecordWriter.get() initializes this class first).
		new EngineRecordWriter();
	}

	private final AtomicLong nextStep;

	/** Stamps made with {@link #createStamp}, in step order; guarded by {@code this} while live. */
	private final List<Stamp> manualStamps;

	/** Frozen: the newest versions of the session's requests, whose stamps complete the history; live: empty. */
	private final RequestTemplate[] versions;

	private final boolean frozen;

	/** A new, empty history; the engine's, through {@link dev.railtracks.info.access.RecordWriter}. */
	StampManager() {
		this(new AtomicLong(), new ArrayList<>(), NO_VERSIONS, false);
	}

	private StampManager(AtomicLong nextStep, List<Stamp> manualStamps, RequestTemplate[] versions, boolean frozen) {
		this.nextStep = nextStep;
		this.manualStamps = manualStamps;
		this.versions = versions;
		this.frozen = frozen;
	}

	/**
	 * A copy that never changes: the step reached, the manual stamps made so far, and the given versions, whose
	 * stamps are the rest of the history.
	 * @param heads the newest versions of the session's requests
	 */
	synchronized StampManager snapshot(RequestTemplate[] heads) {
		if (this.frozen) {
			return this;
		}
		// Under the lock, so that a manual stamp is either in the copy with its step or later than the step copied.
		return new StampManager(new AtomicLong(this.nextStep.get()), List.copyOf(this.manualStamps), heads, true);
	}

	/**
	 * Takes the next step, for a version the caller records with it.
	 * @return the step
	 */
	long nextStep() {
		if (this.frozen) {
			throw new IllegalStateException("This is a snapshot's history, which never changes; stamp through the session");
		}
		return this.nextStep.getAndIncrement();
	}

	/**
	 * Makes and keeps a stamp at the next step.
	 * @param identifier what happened
	 * @return the stamp
	 */
	synchronized Stamp createStamp(String identifier) {
		Stamp stamp = Stamp.of(nextStep(), EpochClock.nowNanos(), identifier);
		this.manualStamps.add(stamp);
		return stamp;
	}

	/**
	 * The step the next stamp will get.
	 * @return the current step
	 */
	public long currentStep() {
		return this.nextStep.get();
	}

	/**
	 * Every stamp of the history, sorted by step then time: the manual ones and, in a frozen copy, those of every
	 * version of the record.
	 * @return a new sorted list
	 */
	public List<Stamp> allStamps() {
		List<Stamp> all;
		synchronized (this) {
			all = new ArrayList<>(this.manualStamps.size() + this.versions.length * 2);
			all.addAll(this.manualStamps);
		}
		addVersionStamps(this.versions, all);
		all.sort(null);
		return all;
	}

	/** Adds the stamp of every version of the given requests: a node version shares its request version's stamp. */
	static void addVersionStamps(RequestTemplate[] heads, List<Stamp> into) {
		for (RequestTemplate head : heads) {
			for (RequestTemplate version = head; version != null; version = version.parent()) {
				into.add(version.stamp());
			}
		}
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

}

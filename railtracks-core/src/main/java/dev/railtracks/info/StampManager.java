package dev.railtracks.info;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The steps of one session's history. A step is one atomic increment, taken by every recorded version; the stamps
 * live in the versions themselves. The engine's live history only counts; the frozen copy an {@link ExecutionInfo}
 * holds also knows the versions of its record, and so answers with the whole history.
 */
public final class StampManager {

	private static final RequestTemplate[] NO_VERSIONS = {};

	static {
		// The engine writes records through it (RecordWriter.get() initializes this class first).
		new EngineRecordWriter();
	}

	private final AtomicLong nextStep;

	/** Frozen: the newest versions of the session's requests, whose stamps are the history; live: empty. */
	private final RequestTemplate[] versions;

	private final boolean frozen;

	/** A new, empty history; the engine's, through {@link dev.railtracks.info.access.RecordWriter}. */
	StampManager() {
		this(new AtomicLong(), NO_VERSIONS, false);
	}

	private StampManager(AtomicLong nextStep, RequestTemplate[] versions, boolean frozen) {
		this.nextStep = nextStep;
		this.versions = versions;
		this.frozen = frozen;
	}

	/**
	 * A copy that never changes: the step reached and the given versions, whose stamps are the history.
	 * @param heads the newest versions of the session's requests
	 */
	StampManager snapshot(RequestTemplate[] heads) {
		if (this.frozen) {
			return this;
		}
		return new StampManager(new AtomicLong(this.nextStep.get()), heads, true);
	}

	/**
	 * Takes the next step, for a version the caller records with it.
	 * @return the step
	 */
	long nextStep() {
		return nextSteps(1);
	}

	/**
	 * Takes the next {@code count} steps at once, for versions the caller records with them later (a batch's
	 * children, in input order, whenever each is recorded).
	 * @return the first of them
	 */
	long nextSteps(int count) {
		if (this.frozen) {
			throw new IllegalStateException("This is a snapshot's history, which never changes; stamp through the session");
		}
		return this.nextStep.getAndAdd(count);
	}

	/**
	 * The step the next stamp will get.
	 * @return the current step
	 */
	public long currentStep() {
		return this.nextStep.get();
	}

	/**
	 * Every stamp of the history, sorted by step then time: those of every version of the record (none in the
	 * engine's live history, which only counts).
	 * @return a new sorted list
	 */
	public List<Stamp> allStamps() {
		List<Stamp> all = new ArrayList<>(this.versions.length * 2);
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

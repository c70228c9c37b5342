package dev.railtracks.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out the steps of one session's history and keeps every stamp made. Thread-safe and lock-free: a step is one
 * atomic increment.
 */
public final class StampManager {

	private final AtomicLong nextStep = new AtomicLong();

	private final AppendLog<Stamp> stamps = new AppendLog<>();

	/**
	 * Makes a stamp at the next step.
	 * @param identifier what happened
	 * @return the stamp
	 */
	public Stamp createStamp(String identifier) {
		return keep(Stamp.of(this.nextStep.getAndIncrement(), EpochClock.nowNanos(), identifier));
	}

	Stamp created(String parentName, String childName) {
		return keep(Stamp.created(this.nextStep.getAndIncrement(), EpochClock.nowNanos(), parentName, childName));
	}

	Stamp finished(String nodeName) {
		return keep(Stamp.finished(this.nextStep.getAndIncrement(), EpochClock.nowNanos(), nodeName));
	}

	Stamp cancelled(String nodeName) {
		return keep(Stamp.cancelled(this.nextStep.getAndIncrement(), EpochClock.nowNanos(), nodeName));
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
		List<Stamp> all = new ArrayList<>(this.stamps.snapshot());
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

	private Stamp keep(Stamp stamp) {
		this.stamps.add(stamp);
		return stamp;
	}

}

package dev.railtracks.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.event.Level;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.FatalException;
import dev.railtracks.GlobalTimeoutException;
import dev.railtracks.RailtracksException;
import dev.railtracks.pubsub.FatalFailure;

/**
 * Ends a session's runs from outside: the global timeout, the failure policy (end-on-error, fatal failures),
 * cancelling a node or a run, and the session's shutdown, which closes every request still open. Ending a run marks
 * it (no node starts in it any more) and interrupts its threads first, then records its open requests as failed with
 * the cause, then releases its caller once its threads stopped or the grace period passed.
 */
final class RunControl {

	private final String sessionId;

	private final ExecutorConfig config;

	private final Coordinator coordinator;

	private final Recorder recorder;

	private final Journal journal;

	private final SessionEventLog log;

	private final Set<Run> activeRuns = ConcurrentHashMap.newKeySet();

	private volatile boolean closed;

	RunControl(String sessionId, ExecutorConfig config, Coordinator coordinator, Recorder recorder, Journal journal,
			SessionEventLog log) {
		this.sessionId = sessionId;
		this.config = config;
		this.coordinator = coordinator;
		this.recorder = recorder;
		this.journal = journal;
		this.log = log;
	}

	/**
	 * A new run, refused once the session is closed.
	 * @param name its top-level node's name
	 * @throws IllegalStateException when the session is closed
	 */
	Run admit(String name) {
		Run run = new Run(name);
		// Added before the closed check, so that a concurrent shutdown either refuses the run or cancels it.
		this.activeRuns.add(run);
		if (this.closed) {
			this.activeRuns.remove(run);
			ensureOpen();
		}
		return run;
	}

	/** A run admitted whose top-level request could not be recorded: it never started. */
	void withdraw(Run run) {
		this.activeRuns.remove(run);
	}

	/**
	 * Puts a run with its recorded top-level request under the session's timeout and lets cancelling its future
	 * cancel it; it leaves the session's runs when its result is complete.
	 */
	void supervise(Run run, LiveRequest topLevel) {
		Duration timeout = this.config.timeout();
		if (timeout != null) {
			run.timer = this.coordinator.scheduleTimeout(() -> timeOut(run, timeout), timeout);
		}
		run.result.onCancel(() -> cancelRun(run, new CancellationException("The run of '" + topLevel.nodeName
				+ "' was cancelled through its future")));
		run.result.whenComplete((result, error) -> {
			this.activeRuns.remove(run);
			if (run.timer != null) {
				run.timer.cancel(false);
			}
		});
	}

	/**
	 * Applies the failure policy to a failure just recorded and published: a fatal one (see
	 * {@link FatalException#endsRun}) is announced once, then ends the run.
	 */
	void failed(LiveRequest record, Throwable error) {
		if (!FatalException.endsRun(error, this.config)) {
			return;
		}
		cancelRun(record.run, error, () -> {
			// The failure itself was logged once, with its stack trace, when it was recorded: say only what it causes.
			this.log.log(Level.WARN, "Ending the run: " + record.nodeName + " FAILED and "
					+ (this.config.endOnError() ? "end-on-error is on" : "the failure is fatal"));
			this.recorder.publishQuietly(new FatalFailure(this.sessionId, record.id(), record.callerNodeId(),
					record.nodeName, error, Recorder.now()));
		});
	}

	/**
	 * Ends a run: its running nodes are interrupted first (and no new node starts in it), then its open requests are
	 * recorded as failed, then its caller is released once its threads stopped or the grace period passed.
	 */
	void cancelRun(Run run, Throwable cause) {
		cancelRun(run, cause, null);
	}

	/** {@link #cancelRun(Run, Throwable)}, announcing the end (once, by whoever ends the run) before recording it. */
	private void cancelRun(Run run, Throwable cause, @Nullable Runnable announce) {
		long deadline = System.nanoTime() + Run.STOP_GRACE_NANOS;
		if (!run.cancel(cause)) {
			return;
		}
		if (announce != null) {
			announce.run();
		}
		closeOpenRequests(run, openRequests(Set.of(run)).getOrDefault(run, List.of()), cause, true);
		run.awaitStopped(deadline);
		run.release();
	}

	/**
	 * Cancels a running node: its request is recorded as failed with a {@link CancellationException}, which its caller
	 * receives (an asynchronous caller at once), and the node can make no further calls. The node's thread is not
	 * interrupted, because it may be running its caller too. A top-level node is its run: all of it is cancelled.
	 * @return {@code true} when the node was running and is now cancelled, {@code false} when it had finished
	 * @throws IllegalArgumentException when the session has no such node
	 */
	boolean cancel(String nodeId) {
		UUID wanted = parseId(nodeId);
		LiveRequest record = (wanted != null) ? this.journal.openRequestOf(wanted) : null;
		if (record == null) {
			if (wanted != null && this.journal.hasNode(wanted)) {
				return false;
			}
			throw new IllegalArgumentException("No node '" + nodeId + "' in session " + this.sessionId);
		}
		CancellationException cancelled = new CancellationException(
				"Node '" + record.nodeName + "' (" + nodeId + ") was cancelled");
		if (record.caller == null && record.isOpen()) {
			cancelRun(record.run, cancelled);
			return true;
		}
		return this.recorder.closeAsFailed(record, cancelled, true);
	}

	/**
	 * Ends the requests still open that {@code ancestor} called, directly or further down (an asynchronous child, a
	 * batch's scouts and what they called), as {@link #cancel} ends one: recorded as failed with the cause, which their
	 * callers receive, and no further calls from them. Their threads are not interrupted: a pooled thread may have
	 * moved on to other work by the time it would be. A scan of the journal: this is the rare path of a node that
	 * timed out.
	 * @param ancestor the request whose calls end
	 * @param cause recorded as their failure
	 */
	void cancelCallsUnder(LiveRequest ancestor, Throwable cause) {
		List<LiveRequest> under = new ArrayList<>();
		this.journal.forEachOpen((record) -> {
			for (LiveRequest caller = record.caller; caller != null; caller = caller.caller) {
				if (caller == ancestor) {
					under.add(record);
					return;
				}
			}
		});
		under.forEach((record) -> this.recorder.closeAsFailed(record, cause, true));
		// The children of its batches (and of batches further down) that no worker claimed yet end with them.
		for (BatchCall batch : ancestor.run.openBatches()) {
			if (batch.isUnder(ancestor)) {
				batch.closeUnclaimed(cause);
			}
		}
	}

	private static @Nullable UUID parseId(String nodeId) {
		try {
			UUID id = UUID.fromString(nodeId);
			// fromString also takes upper case and short forms; a node's id is only ever its own text.
			return id.toString().equals(nodeId) ? id : null;
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			// Not an id this engine makes, so no node has it.
			return null;
		}
	}

	/**
	 * Closes the session: cancels every run still in progress, and every request still running after its run's
	 * top-level node returned, then shuts down the coordinator's strategies.
	 */
	void shutdown() {
		this.closed = true;
		RailtracksException closing = new RailtracksException(
				"Session " + this.sessionId + " was closed while the run was in progress");
		Set<Run> unfinished = new LinkedHashSet<>();
		for (Run run : this.activeRuns) {
			// A run whose caller has its result is over, though its thread may not have left it yet (nor taken it off
			// this set): its caller may be closing the session right now.
			if (!run.result.isDone()) {
				unfinished.add(run);
			}
		}
		// Also runs whose top-level node returned while a child it started without waiting still runs.
		this.journal.forEachOpen((record) -> unfinished.add(record.run));
		Set<Run> endedHere = new HashSet<>();
		unfinished.forEach((run) -> {
			if (run.cancel(closing)) {
				endedHere.add(run);
			}
		});
		// Looked up after every run is cancelled: a request recorded later records its own ending (see RTState).
		Map<Run, List<LiveRequest>> open = openRequests(unfinished);
		// Every run is interrupted and recorded before any is waited for: k stuck runs cost one grace period, not k.
		long deadline = System.nanoTime() + Run.STOP_GRACE_NANOS;
		List<Run> cancelled = new ArrayList<>();
		for (Run run : unfinished) {
			// Also when another thread ended the run first and may still be recording it: the record is saved next.
			Throwable cause = run.failure();
			closeOpenRequests(run, open.getOrDefault(run, List.of()), (cause != null) ? cause : closing,
					endedHere.contains(run));
			cancelled.add(run);
		}
		cancelled.forEach((run) -> run.awaitStopped(deadline));
		cancelled.forEach(Run::release);
		this.coordinator.shutdown();
	}

	/** Whether the session is shut down. */
	boolean isClosed() {
		return this.closed;
	}

	/** Refuses work once the session is closed. */
	void ensureOpen() {
		if (this.closed) {
			throw new IllegalStateException("Session " + this.sessionId + " is closed; create a new Session");
		}
	}

	/**
	 * The requests of the given runs whose finishing version is not written yet (still running, or being recorded by
	 * the thread that claimed it), in one pass over the journal.
	 */
	private Map<Run, List<LiveRequest>> openRequests(Set<Run> runs) {
		Map<Run, List<LiveRequest>> open = new HashMap<>();
		if (runs.isEmpty()) {
			return open;
		}
		this.journal.forEachOpen((record) -> {
			if (runs.contains(record.run)) {
				open.computeIfAbsent(record.run, (run) -> new ArrayList<>()).add(record);
			}
		});
		return open;
	}

	/**
	 * Records the given requests of a cancelled run as failed with the cause, and the children of its batches not yet
	 * claimed (see {@link BatchCall#closeUnclaimed}), and logs the run's end: once by whoever
	 * ended it (even when its nodes, stopping at once, recorded their own ending first), and by anyone else who still
	 * found requests to record. A request recorded after its run was cancelled records its own ending, so one look at
	 * the journal, taken after the cancel, finds every other.
	 */
	private void closeOpenRequests(Run run, List<LiveRequest> open, Throwable cause, boolean endedHere) {
		int closedNow = 0;
		List<LiveRequest> recordingThemselves = new ArrayList<>();
		for (LiveRequest record : open) {
			if (this.recorder.closeAsFailed(record, cause, false)) {
				closedNow++;
			}
			else {
				recordingThemselves.add(record);
			}
		}
		// The children of its batches that no worker claimed yet: recorded too, in input order, after those running.
		int notStarted = 0;
		for (BatchCall batch : run.openBatches()) {
			notStarted += batch.closeUnclaimed(cause);
		}
		// A node that claimed its own outcome first is writing it now: the run's caller must not see it open.
		recordingThemselves.forEach(LiveRequest::awaitRecorded);
		if (closedNow > 0 || notStarted > 0 || endedHere) {
			this.log.log(Level.WARN, run.name + " ENDED: " + cause.getMessage()
					+ ((closedNow > 0) ? "; " + closedNow + " running request(s) recorded as failed" : "")
					+ ((notStarted > 0) ? "; " + notStarted + " batch child(ren) not yet started recorded as failed"
							: ""));
		}
	}

	/**
	 * Runs on the process-wide timer thread: hands the cancellation to a worker, because completing the run's future
	 * runs its callers' callbacks, which must not hold up the timeouts of other sessions.
	 */
	private void timeOut(Run run, Duration timeout) {
		if (run.result.isDone()) {
			return;
		}
		Runnable cancel = () -> cancelRun(run, new GlobalTimeoutException(timeout, this.config.timeoutSetting()));
		try {
			this.coordinator.execute(cancel);
		}
		catch (RuntimeException ex) {
			cancel.run();
		}
	}

}

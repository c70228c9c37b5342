package dev.railtracks.internal;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.event.Level;

import dev.railtracks.Node;
import dev.railtracks.support.EpochClock;
import dev.railtracks.info.Failure;
import dev.railtracks.info.RequestStatus;
import dev.railtracks.info.RequestTemplate;
import dev.railtracks.info.StampManager;
import dev.railtracks.info.access.RecordWriter;
import dev.railtracks.support.ValueText;
import dev.railtracks.pubsub.RequestCompletionMessage;
import dev.railtracks.pubsub.RequestCreation;
import dev.railtracks.pubsub.RequestFailure;
import dev.railtracks.pubsub.RequestSuccess;

/**
 * Writes a session's record, then publishes what it wrote: a request's first version when it is created, its
 * finishing version when its node's outcome comes back or it is ended from outside. Record-then-publish: the engine
 * writes before any subscriber runs, so no subscriber can keep a request from being recorded, and with no subscriber
 * no message is built. It knows nothing of the failure policy, which {@link RTState} applies to what it recorded.
 */
final class Recorder {

	private static final RecordWriter RECORDS = RecordWriter.get();

	private final String sessionId;

	private final MessageBus publisher;

	private final SessionEventLog log;

	private final StampManager stamper;

	private final Journal journal;

	Recorder(String sessionId, MessageBus publisher, SessionEventLog log, StampManager stamper, Journal journal) {
		this.sessionId = sessionId;
		this.publisher = publisher;
		this.log = log;
		this.stamper = stamper;
		this.journal = journal;
	}

	/**
	 * A new request under {@code caller}: its first version, with the next step. The caller knows it until it is
	 * recorded or handed on, in case a stack overflow leaves no room to do it (see {@link LiveRequest#unrecordedChild}).
	 */
	LiveRequest create(@Nullable LiveRequest caller, Run run, Node<?> node, @Nullable Object[] args, long epochNanos) {
		LiveRequest record = new LiveRequest(caller, node, node.name(), args, run, RECORDS.nextStep(this.stamper),
				epochNanos);
		if (caller != null) {
			caller.recordingChild(record);
		}
		return record;
	}

	/**
	 * A new request under {@code caller}, as {@link #create}, for a batch's child that a worker claimed, with the
	 * step reserved for it: the caller is not told, because the batch keeps its unrecorded children itself (and many
	 * threads claim them at once).
	 */
	LiveRequest createClaimed(LiveRequest caller, Node<?> node, @Nullable Object[] args, long step, long epochNanos) {
		return new LiveRequest(caller, node, node.name(), args, caller.run, step, epochNanos);
	}

	/**
	 * Reserves journal slots for a batch's children, recorded into them as they are claimed (see {@link Journal#reserve}).
	 * @return the first slot
	 */
	int reserveSlots(int count) {
		return this.journal.reserve(count);
	}

	/**
	 * Reserves the steps of a batch's children's first versions, in input order: the steps they took when all were
	 * recorded before the first one ran, so the history's numbering stays as it was, however the workers interleave.
	 * @return the first step
	 */
	long reserveSteps(int count) {
		return RECORDS.nextSteps(this.stamper, count);
	}

	/**
	 * The live entry of the request recorded in a slot, while it is open.
	 * @return the entry, or {@code null} when it has finished or nothing is recorded there yet
	 */
	@Nullable LiveRequest openAt(int slot) {
		return this.journal.openAt(slot);
	}

	/** Whether a request is recorded in the slot. */
	boolean isRecordedAt(int slot) {
		return this.journal.head(slot) != null;
	}

	/**
	 * Appends a created request to the journal, where snapshots find it, and publishes its creation.
	 * @param slot the slot reserved for it, or {@code -1} for the next one
	 */
	void append(LiveRequest record, int slot) {
		if (slot < 0) {
			this.journal.add(record);
		}
		else {
			this.journal.fill(slot, record);
		}
		if (this.log.isEnabled(Level.INFO)) {
			this.log.log(Level.INFO, record.head().stamp().identifier());
		}
		if (this.publisher.hasSubscribers()) {
			RequestTemplate created = record.head();
			// Quietly: a node still running when its session closed must get to be recorded as ended by its caller.
			publishQuietly(new RequestCreation(this.sessionId, created.identifier(), record.callerNodeId(),
					record.nodeName, record.node.identifier(), created.inputArgs(),
					Instant.ofEpochSecond(0, created.epochNanos())));
		}
	}

	/**
	 * Records a node's own outcome and publishes it. A request that was cancelled, or whose run ended, before its node
	 * came back was recorded and published as failed then, so its late outcome is dropped (see
	 * {@link #logDroppedOutcome}).
	 * @return whether the node's own outcome was recorded and published now (what the failure policy looks at)
	 */
	boolean finish(LiveRequest record, @Nullable Object result, @Nullable Throwable error) {
		Throwable ended = record.endedWith();
		if (ended != null) {
			// Still running when it or its run ended: recorded as ended (now, if its run's ending missed it), whatever
			// it did afterwards.
			closeAsFailed(record, ended, false);
		}
		else if (recordOutcome(record, result, error)) {
			publishOutcome(record, result, error);
			return true;
		}
		else {
			ended = record.cancelledWith();
			if (ended == null) {
				// Its own outcome was recorded already (by a retry on a fresh stack).
				return false;
			}
		}
		logDroppedOutcome(record, ended, result, error);
		return false;
	}

	/**
	 * The design's {@code handle}: writes a node's own outcome into its record as the request's finishing version,
	 * unless the request was already ended from outside.
	 * @return whether it was written
	 */
	private boolean recordOutcome(LiveRequest record, @Nullable Object result, @Nullable Throwable error) {
		boolean written = (error == null) ? record.finishOnce(result, RequestStatus.COMPLETED, this.stamper)
				: record.finishOnce(new Failure(error), RequestStatus.FAILED, this.stamper);
		if (!written) {
			return false;
		}
		this.journal.finished(record);
		if (error != null) {
			// String.concat, not +: a node's first failure may be a stack overflow, recorded on the exhausted stack,
			// where linking a concatenation's call site for the first time fails (see FreshStackFinish).
			this.log.log(Level.ERROR, record.nodeName.concat(" FAILED: ").concat(ValueText.of(error)), error);
		}
		else if (this.log.isEnabled(Level.INFO)) {
			this.log.log(Level.INFO, record.nodeName + " DONE");
		}
		return true;
	}

	private void publishOutcome(LiveRequest record, @Nullable Object result, @Nullable Throwable error) {
		if (this.publisher.hasSubscribers()) {
			publishQuietly((error == null)
					? new RequestSuccess(this.sessionId, record.id(), record.callerNodeId(), record.nodeName,
							record.node.identifier(), result, now())
					: new RequestFailure(this.sessionId, record.id(), record.callerNodeId(), record.nodeName,
							record.node.identifier(), error, now()));
		}
	}

	/**
	 * Records a running request as failed with {@code cause} (cancelled, timed out, refused, or ended with its run),
	 * publishes that failure, and releases an asynchronous caller at once.
	 * @return whether this call recorded it (not its node, nor another ending, first)
	 */
	boolean closeAsFailed(LiveRequest record, Throwable cause, boolean logIt) {
		if (!record.endOnce(cause, this.stamper)) {
			return false;
		}
		this.journal.finished(record);
		if (logIt) {
			this.log.log(Level.WARN, record.nodeName + " CANCELLED: " + cause.getMessage());
		}
		if (this.publisher.hasSubscribers()) {
			publishQuietly(new RequestFailure(this.sessionId, record.id(), record.callerNodeId(), record.nodeName,
					record.node.identifier(), cause, now()));
		}
		record.releaseCaller(cause);
		return true;
	}

	/**
	 * Says once that a node abandoned by its run (a timeout it ignored, say) or cancelled came back after all, and
	 * that its outcome was dropped: at INFO for a result, which someone may miss, at DEBUG for a failure (mostly the
	 * interrupt it was sent), and not at all when it only passed on the ending it was told of.
	 */
	private void logDroppedOutcome(LiveRequest record, Throwable ended, @Nullable Object result,
			@Nullable Throwable error) {
		if (error == ended) {
			return;
		}
		Level level = (error == null) ? Level.INFO : Level.DEBUG;
		if (this.log.isEnabled(level)) {
			long now = EpochClock.nowNanos();
			RequestTemplate ending = record.head();
			// The thread that ended it may still be writing its ending, a moment ago.
			long late = TimeUnit.NANOSECONDS.toMillis(now - (ending.isClosed() ? ending.epochNanos() : now));
			this.log.log(level, record.nodeName + ((error == null) ? " returned " : " failed ") + late
					+ " ms after it was ended (" + ended.getMessage() + "); its "
					+ ((error == null) ? "result was dropped" : "failure was dropped: " + ValueText.of(error)));
		}
	}

	/** Publishes a message already recorded; once the session closed under a running node, there is no one to tell. */
	void publishQuietly(RequestCompletionMessage message) {
		try {
			this.publisher.publish(message);
		}
		catch (IllegalStateException ex) {
			// Closed: the outcome is in the record, which is what close() saves.
		}
	}

	static Instant now() {
		return Instant.ofEpochSecond(0, EpochClock.nowNanos());
	}

}

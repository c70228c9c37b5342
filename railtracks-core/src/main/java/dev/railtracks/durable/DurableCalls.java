package dev.railtracks.durable;

import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;

import dev.dbos.transact.exceptions.DBOSAwaitedWorkflowCancelledException;
import dev.dbos.transact.exceptions.DBOSWorkflowCancelledException;
import dev.dbos.transact.execution.ThrowingSupplier;
import dev.dbos.transact.workflow.WorkflowState;
import dev.railtracks.FatalException;
import dev.railtracks.GlobalTimeoutException;
import dev.railtracks.HumanRequests;
import dev.railtracks.NodeCall;
import dev.railtracks.NodeMiddleware;
import dev.railtracks.Railtracks;
import org.jspecify.annotations.Nullable;

/**
 * The node middleware of a durable flow's sessions: every node call, at any depth, is a DBOS step of the run's
 * workflow. A call whose position has a checkpoint returns the recorded result without running (after checking it is
 * the recorded call: same node, same arguments), and makes again, from their checkpoints, the calls the recorded one
 * made, so that they are in the record too; any other call runs as a new step, whose completion records its
 * checkpoint. A call that fails records its failure (class and message) as its checkpoint, and its replay throws that
 * failure again, so a caller that handled it goes on as it did; only a failure that says the run is ending (an
 * interruption, a cancellation of the call or of the run's workflow, the run's timeout or end, a fatal failure) or that the code must change (a
 * {@link DeterminismException}, an {@link UncheckpointableValueException}) records none, so that call runs again on
 * recovery.
 */
final class DurableCalls implements NodeMiddleware {

	/** The detail a replayed call records ({@code true}): its result is the recorded one, and its node did not run. */
	static final String REPLAYED_DETAIL = "replayed";

	/** The detail of a call sent through a durable queue: the queue's name. */
	static final String QUEUE_DETAIL = "queue";

	/** The detail of a call sent through a durable queue: its child workflow's id. */
	static final String WORKFLOW_DETAIL = "workflow";

	/**
	 * The detail every call of a durable run records: its position ({@code 0.2.1}), which
	 * {@link DurableRuns#fork} takes (the visualiser forks from a node by it).
	 */
	static final String CALL_PATH_DETAIL = "call_path";

	/**
	 * The detail the root call of a recovered run records ({@code true}): the run executes again after a crash, a
	 * resume, or as a fork.
	 */
	static final String RECOVERED_DETAIL = "recovered";

	/** The new call running on this thread, if any: where a model round of its node finds its run and position. */
	private static final ThreadLocal<@Nullable RunningCall> RUNNING = new ThreadLocal<>();

	private final ValueCodec codec;

	private final DurableQueues queues;

	/** The executions in progress in this JVM, by session id. */
	private final Map<String, DurableRun> runs = new ConcurrentHashMap<>();

	DurableCalls(ValueCodec codec, DurableQueues queues) {
		this.codec = codec;
		this.queues = queues;
	}

	/** Starts routing the calls of a run's session here. */
	void begin(DurableRun run) {
		this.runs.put(run.sessionId(), run);
	}

	/** Ends a run's execution in this JVM. */
	void end(DurableRun run) {
		this.runs.remove(run.sessionId(), run);
	}

	@Override
	public @Nullable Object around(NodeCall call) throws Exception {
		DurableRun run = this.runs.get(call.sessionId());
		if (run == null) {
			throw new IllegalStateException("Node '" + call.nodeName() + "' is called in session " + call.sessionId()
					+ " of a durable flow that is not running as a DBOS workflow: invoke it through its DurableFlow");
		}
		String position = call.callPath();
		call.recordDetail(CALL_PATH_DETAIL, position);
		if (call.definition() instanceof ReplayedCall replayed) {
			return replay(call, run, replayed.checkpoint());
		}
		String what = "node '" + call.nodeName() + "'";
		String arguments = this.codec.arguments(what, call.arguments());
		if (run.recovered() && Checkpoint.owner(position) == null) {
			call.recordDetail(RECOVERED_DETAIL, true);
		}
		int nth = run.callAt(position);
		Checkpoint recorded = run.recorded(position);
		if (recorded == null) {
			if (call.definition() instanceof QueuedCall<?> queued) {
				return enqueue(call, run, queued, position, arguments);
			}
			return checkpoint(call, run, position, nth, what, arguments);
		}
		if (!recorded.node().equals(call.nodeName()) || !this.codec.same(recorded.arguments(), arguments)) {
			throw new DeterminismException(run.workflowId(), position, recorded.describeCall(),
					Checkpoint.describe(call.nodeName(), arguments));
		}
		return replay(call, run, recorded);
	}

	/**
	 * The new call of a durable run that runs on this thread, whose node is running: its model rounds are checkpointed
	 * under its position (see {@link DurableModelRounds}).
	 * @return the call, or {@code null} outside durable runs (and in replayed calls, whose nodes do not run)
	 */
	static @Nullable RunningCall running() {
		return RUNNING.get();
	}

	/** Runs a new call as a DBOS step of the run, on this thread, and returns its result. */
	private @Nullable Object checkpoint(NodeCall call, DurableRun run, String position, int nth, String what,
			String arguments) throws Exception {
		RunningCall outer = RUNNING.get();
		RUNNING.set(new RunningCall(run, position, this.queues));
		try {
			// A question for a person waits through DBOS notifications, so that the answer survives the JVM.
			ThrowingSupplier<@Nullable Object, Exception> work = HumanRequests.asks(call)
					? () -> HumanRequests.through(new DurableHumanWait(run, position, nth), call) : call::proceed;
			return run.step(position, call.nodeName(), call.nodeType().name(), what, arguments, work,
					(failure) -> keepsFailure(call, failure));
		}
		finally {
			RUNNING.set(outer);
		}
	}

	/**
	 * Runs a call sent through a durable queue: enqueues it as a child workflow (whichever instance the queue starts it
	 * on checkpoints its calls there), waits for it, records its outcome as this call's checkpoint and makes its calls
	 * again here, so that the run's record has them, and returns its result or throws its failure.
	 */
	private @Nullable Object enqueue(NodeCall call, DurableRun run, QueuedCall<?> queued, String position,
			String arguments) throws Exception {
		call.recordDetail(QUEUE_DETAIL, queued.queue());
		String child = run.enqueue(queued, position, arguments);
		call.recordDetail(WORKFLOW_DETAIL, child);
		WorkflowState ended = run.awaitChild(child);
		if (ended == WorkflowState.CANCELLED) {
			throw new CancellationException("Queued call " + position + " (node '" + call.nodeName() + "', child workflow '"
					+ child + "') of durable run '" + run.workflowId() + "' was cancelled");
		}
		Checkpoint outcome = run.adopt(child, position);
		if (outcome == null) {
			throw run.childFailure(child);
		}
		run.record(outcome);
		return makeAgain(run, outcome);
	}

	/**
	 * Whether a call's failure is its outcome, to checkpoint and throw again on replay, rather than a sign that the run
	 * is ending or that the code must change.
	 */
	private static boolean keepsFailure(NodeCall call, Exception failure) {
		if (call.runEnded() || Thread.currentThread().isInterrupted()) {
			return false;
		}
		Throwable cause = failure;
		for (int depth = 0; cause != null && depth < 32; depth++) {
			if (cause instanceof InterruptedException || cause instanceof CancellationException
					|| cause instanceof GlobalTimeoutException || cause instanceof FatalException
					|| cause instanceof DeterminismException || cause instanceof UncheckpointableValueException
					|| cause instanceof DBOSWorkflowCancelledException
					|| cause instanceof DBOSAwaitedWorkflowCancelledException) {
				return false;
			}
			cause = cause.getCause();
		}
		return true;
	}

	/**
	 * A call whose node runs on this thread.
	 * @param run its run
	 * @param position its position
	 * @param queues the queues its node may send batches through
	 */
	record RunningCall(DurableRun run, String position, DurableQueues queues) {
	}

	/**
	 * Returns a recorded result, or throws a recorded failure, after making again the calls the recorded call made.
	 */
	private @Nullable Object replay(NodeCall call, DurableRun run, Checkpoint recorded) throws Exception {
		call.recordDetail(REPLAYED_DETAIL, true);
		run.checkpointed(recorded.position());
		String child = recorded.workflow();
		if (child != null) {
			// A queued call: the calls it made are checkpointed in its child workflow.
			call.recordDetail(WORKFLOW_DETAIL, child);
			run.adopt(child, recorded.position());
		}
		return makeAgain(run, recorded);
	}

	/**
	 * Makes again, from their checkpoints, the calls a recorded call made, then returns its recorded result or throws
	 * its recorded failure.
	 */
	private @Nullable Object makeAgain(DurableRun run, Checkpoint recorded) throws Exception {
		for (Checkpoint made : run.madeBy(recorded)) {
			try {
				Railtracks.call(new ReplayedCall(made, this.codec), this.codec.readArguments(made.arguments()));
			}
			catch (RuntimeException ex) {
				if (!made.failed()) {
					throw ex;
				}
				// The recorded call failed, and the replayed one made its caller go on, as the recorded one did.
			}
		}
		if (recorded.failed()) {
			throw this.codec.failure(recorded);
		}
		return this.codec.readValue(recorded.result());
	}

}

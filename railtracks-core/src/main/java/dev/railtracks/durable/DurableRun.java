package dev.railtracks.durable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.context.DBOSContext;
import dev.dbos.transact.context.DBOSContextHolder;
import dev.dbos.transact.workflow.StepInfo;
import org.jspecify.annotations.Nullable;

/**
 * One execution of a durable run's workflow: the checkpoints its earlier executions recorded, by position, and the
 * DBOS step numbers (function ids) this execution gives its new calls. Calls run on many threads at once, so a call's
 * checkpoint is found by its position, which the code's order of calls fixes, never by its step number, which is
 * only a unique slot in DBOS's table given in the order calls start.
 */
final class DurableRun {

	private static final Comparator<Checkpoint> BY_INDEX = Comparator.comparingInt(Checkpoint::index);

	private final String workflowId;

	private final DBOSContext workflowContext;

	private final Map<String, Checkpoint> recorded;

	/** The recorded calls by the position of the call that made them, in the order it made them. */
	private final Map<String, List<Checkpoint>> madeBy = new HashMap<>();

	private final AtomicInteger nextStep;

	private DurableRun(String workflowId, DBOSContext workflowContext, Map<String, Checkpoint> recorded, int nextStep) {
		this.workflowId = workflowId;
		this.workflowContext = workflowContext;
		this.recorded = recorded;
		this.nextStep = new AtomicInteger(nextStep);
		for (Checkpoint checkpoint : recorded.values()) {
			String caller = checkpoint.caller();
			if (caller != null) {
				this.madeBy.computeIfAbsent(caller, (position) -> new ArrayList<>()).add(checkpoint);
			}
		}
		this.madeBy.values().forEach((calls) -> calls.sort(BY_INDEX));
	}

	/**
	 * The execution that starts on this thread, DBOS's workflow thread: reads what earlier executions recorded.
	 * @param dbos the DBOS instance
	 * @param workflowContext the workflow's DBOS context on this thread
	 * @return the execution
	 */
	static DurableRun start(DBOS dbos, DBOSContext workflowContext) {
		String workflowId = workflowContext.getWorkflowId();
		Map<String, Checkpoint> recorded = new HashMap<>();
		int nextStep = 0;
		for (StepInfo step : stepsSoFar(dbos, workflowContext)) {
			nextStep = Math.max(nextStep, step.functionId() + 1);
			Checkpoint checkpoint = Checkpoint.of(step);
			if (checkpoint != null) {
				recorded.put(checkpoint.position(), checkpoint);
			}
		}
		return new DurableRun(workflowId, workflowContext, recorded, nextStep);
	}

	/**
	 * The steps the workflow recorded so far, read outside the workflow: inside it, DBOS would record the listing as a
	 * step of its own and answer every later execution with that first answer.
	 */
	private static List<StepInfo> stepsSoFar(DBOS dbos, DBOSContext workflowContext) {
		DBOSContextHolder.set(new DBOSContext());
		try {
			return dbos.listWorkflowSteps(workflowContext.getWorkflowId());
		}
		finally {
			DBOSContextHolder.set(workflowContext);
		}
	}

	/**
	 * The run's id: its DBOS workflow id, the caller's idempotency key, and its session's id.
	 * @return the id
	 */
	String workflowId() {
		return this.workflowId;
	}

	/**
	 * The checkpoint of the call at a position, if an earlier execution completed it.
	 * @param position the call's position
	 * @return the checkpoint, or {@code null}
	 */
	@Nullable Checkpoint recorded(String position) {
		return this.recorded.get(position);
	}

	/**
	 * The recorded calls a recorded call made, in the order it made them.
	 * @param caller the recorded call
	 * @return its recorded calls
	 */
	List<Checkpoint> madeBy(Checkpoint caller) {
		return this.madeBy.getOrDefault(caller.position(), List.of());
	}

	/**
	 * A DBOS context in which the next new call runs as a step of the run's workflow, with its own step number.
	 * @return the context, to install on the call's thread for the call
	 */
	DBOSContext nextStepContext() {
		return new DBOSContext(this.workflowContext, null, this.nextStep.getAndIncrement(), null);
	}

}

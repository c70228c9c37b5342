package dev.railtracks.durable;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.context.DBOSContext;
import dev.dbos.transact.context.DBOSContextHolder;
import dev.dbos.transact.execution.ThrowingSupplier;
import dev.dbos.transact.workflow.StepInfo;
import dev.dbos.transact.workflow.StepOptions;
import org.jspecify.annotations.Nullable;

/**
 * One execution of a durable run's workflow: the checkpoints its earlier executions recorded, by position, and the
 * DBOS step numbers (function ids) this execution gives its new calls. Calls run on many threads at once, so a call's
 * checkpoint is found by its position, which the code's order of calls fixes, never by its step number, which is
 * only a unique slot in DBOS's table given in the order calls start. A position can have several checkpoints, one per
 * time the code called it (the attempts of a retry made outside this call's checkpointing): each call at a position
 * takes the next one, in the order they were recorded.
 */
final class DurableRun {

	private static final Comparator<Checkpoint> BY_INDEX = Comparator.comparingInt(Checkpoint::index);

	/** The step name DBOS records a received notification under. */
	private static final String RECV = "DBOS.recv";

	private final DBOS dbos;

	private final ValueCodec codec;

	private final String workflowId;

	private final DBOSContext workflowContext;

	/** The checkpoints not yet taken by this execution's calls, by position, in the order they were recorded. */
	private final Map<String, Deque<Checkpoint>> recorded;

	/** The answers for a person this workflow received before (DBOS {@code recv} steps), by request id. */
	private final Map<String, Map<?, ?>> received = new HashMap<>();

	/** The recorded calls by the position of the call that made them, in the order it made them. */
	private final Map<String, List<Checkpoint>> madeBy = new HashMap<>();

	private final AtomicInteger nextStep;

	private DurableRun(DBOS dbos, ValueCodec codec, String workflowId, DBOSContext workflowContext,
			Map<String, Deque<Checkpoint>> recorded, List<Map<?, ?>> received, int nextStep) {
		this.dbos = dbos;
		this.codec = codec;
		this.workflowId = workflowId;
		this.workflowContext = workflowContext;
		this.recorded = recorded;
		this.nextStep = new AtomicInteger(nextStep);
		for (Checkpoint checkpoint : recorded.values().stream().flatMap(Deque::stream).toList()) {
			String caller = checkpoint.caller();
			if (caller != null && !checkpoint.isModelRound()) {
				this.madeBy.computeIfAbsent(caller, (position) -> new ArrayList<>()).add(checkpoint);
			}
		}
		this.madeBy.values().forEach((calls) -> calls.sort(BY_INDEX));
		for (Map<?, ?> message : received) {
			if (message.get(DurableHumanWait.REQUEST) instanceof String requestId) {
				this.received.put(requestId, message);
			}
		}
	}

	/**
	 * The execution that starts on this thread, DBOS's workflow thread: reads what earlier executions recorded.
	 * @param dbos the DBOS instance
	 * @param codec how values are written
	 * @param workflowContext the workflow's DBOS context on this thread
	 * @return the execution
	 */
	static DurableRun start(DBOS dbos, ValueCodec codec, DBOSContext workflowContext) {
		String workflowId = workflowContext.getWorkflowId();
		Map<String, Deque<Checkpoint>> recorded = new HashMap<>();
		List<Map<?, ?>> received = new ArrayList<>();
		int nextStep = 0;
		List<StepInfo> steps = new ArrayList<>(stepsSoFar(dbos, workflowContext));
		steps.sort(Comparator.comparingInt(StepInfo::functionId));
		for (StepInfo step : steps) {
			nextStep = Math.max(nextStep, step.functionId() + 1);
			Checkpoint checkpoint = Checkpoint.of(step);
			if (checkpoint != null) {
				recorded.computeIfAbsent(checkpoint.position(), (position) -> new ArrayDeque<>()).add(checkpoint);
			}
			else if (RECV.equals(step.functionName()) && step.output() instanceof Map<?, ?> message) {
				received.add(message);
			}
		}
		return new DurableRun(dbos, codec, workflowId, workflowContext, recorded, received, nextStep);
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
	 * Takes the checkpoint of a call at a position, if an earlier execution completed it: the first one of the
	 * position that no call of this execution took yet.
	 * @param position the call's position
	 * @return the checkpoint, or {@code null}
	 */
	@Nullable Checkpoint recorded(String position) {
		synchronized (this.recorded) {
			Deque<Checkpoint> checkpoints = this.recorded.get(position);
			return (checkpoints != null) ? checkpoints.poll() : null;
		}
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
	 * The answer for a person an earlier execution of this workflow received already: it was taken from DBOS's
	 * notifications, so it is no longer there to receive again.
	 * @param requestId the request's id
	 * @return the message, or {@code null}
	 */
	@Nullable Map<?, ?> received(String requestId) {
		synchronized (this.received) {
			return this.received.get(requestId);
		}
	}

	/**
	 * Waits for a DBOS notification to this run's workflow, as the workflow itself (not as a step of it), with step
	 * numbers of its own: DBOS records what it received, which {@link #received} finds on recovery.
	 * @param topic the notification's topic
	 * @param timeout how long at most
	 * @return the message, or {@code null} when the timeout passed
	 */
	@Nullable Object receive(String topic, Duration timeout) {
		DBOSContext outer = DBOSContextHolder.get();
		// recv takes two step numbers: one for the message, one for its durable timeout.
		DBOSContextHolder.set(new DBOSContext(this.workflowContext, null, this.nextStep.getAndAdd(2), null));
		try {
			return this.dbos.recv(topic, timeout).orElse(null);
		}
		finally {
			DBOSContextHolder.set(outer);
		}
	}

	/**
	 * Sends a notification to a run's workflow, from outside any workflow; a second message with the same key is
	 * dropped by DBOS.
	 * @param dbos the DBOS instance
	 * @param workflowId the run's id
	 * @param topic the topic
	 * @param message the message
	 * @param key the idempotency key
	 */
	static void send(DBOS dbos, String workflowId, String topic, Object message, String key) {
		DBOSContext outer = DBOSContextHolder.get();
		DBOSContextHolder.set(new DBOSContext());
		try {
			dbos.send(workflowId, message, topic, key);
		}
		finally {
			DBOSContextHolder.set(outer);
		}
	}

	/**
	 * The DBOS instance the run executes on.
	 * @return the instance
	 */
	DBOS dbos() {
		return this.dbos;
	}

	/**
	 * How the run writes and reads values.
	 * @return the codec
	 */
	ValueCodec codec() {
		return this.codec;
	}

	/**
	 * Runs work as a new DBOS step of the run's workflow, on this thread, under a DBOS context of its own with the next
	 * step number; when the work completes, the step records its checkpoint. When it fails, and {@code failureKept}
	 * accepts the failure, the step records the failure (its class and message) as the checkpoint, and the failure is
	 * thrown on; any other failure records none (DBOS keeps the failed step), so the work runs again on recovery.
	 * @param position where the work is in the run
	 * @param node the node (or agent) it is done for
	 * @param type its kind, as the checkpoint keeps it
	 * @param what the work, as messages name it
	 * @param arguments the arguments' text
	 * @param work the work
	 * @param failureKept which failures of the work to checkpoint
	 * @return the work's result
	 * @throws Exception the work's failure, or {@link UncheckpointableValueException} for its result
	 */
	@Nullable Object step(String position, String node, String type, String what, String arguments,
			ThrowingSupplier<@Nullable Object, Exception> work, Predicate<Exception> failureKept) throws Exception {
		DBOSContext outer = DBOSContextHolder.get();
		DBOSContextHolder.set(new DBOSContext(this.workflowContext, null, this.nextStep.getAndIncrement(), null));
		try {
			@Nullable Object[] result = new Object[1];
			Exception[] failure = new Exception[1];
			this.dbos.runStep(() -> {
				Object value;
				try {
					value = work.execute();
				}
				catch (Exception ex) {
					if (!failureKept.test(ex)) {
						throw ex;
					}
					failure[0] = ex;
					return new Checkpoint(position, node, type, arguments, this.codec.value(what, null),
							ex.getClass().getName(), ex.getMessage()).toStepOutput();
				}
				String text = this.codec.value(what, value);
				result[0] = value;
				return new Checkpoint(position, node, type, arguments, text).toStepOutput();
			}, new StepOptions(Checkpoint.stepName(position, node)));
			if (failure[0] != null) {
				throw failure[0];
			}
			return result[0];
		}
		finally {
			DBOSContextHolder.set(outer);
		}
	}

}

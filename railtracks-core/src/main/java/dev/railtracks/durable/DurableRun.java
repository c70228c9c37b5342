package dev.railtracks.durable;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.StartWorkflowOptions;
import dev.dbos.transact.context.DBOSContext;
import dev.dbos.transact.context.DBOSContextHolder;
import dev.dbos.transact.execution.ThrowingSupplier;
import dev.dbos.transact.workflow.StepInfo;
import dev.dbos.transact.workflow.StepOptions;
import dev.dbos.transact.workflow.WorkflowState;
import dev.railtracks.ExecutorConfig;
import org.jspecify.annotations.Nullable;

/**
 * One execution of a durable run's workflow: the checkpoints its earlier executions recorded, by position, and the
 * DBOS step numbers (function ids) this execution gives its new calls. Calls run on many threads at once, so a call's
 * checkpoint is found by its position, which the code's order of calls fixes, never by its step number, which is
 * only a unique slot in DBOS's table given in the order calls start. A position can have several checkpoints, one per
 * time the code called it (the attempts of a retry made outside this call's checkpointing): each call at a position
 * takes the next one, in the order they were recorded. A checkpoint whose call made checkpointed calls that the run
 * lacks (a fork copies only the steps before its fork point) is not taken: that call runs again, and the calls it
 * makes find their own checkpoints.
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

	/**
	 * The recorded calls by the position of the call that made them, in the order it made them; with the calls of the
	 * queued children, added as their callers are found.
	 */
	private final Map<String, List<Checkpoint>> madeBy = new ConcurrentHashMap<>();

	/** The queued children this execution waits for; made by the first wait. */
	private @Nullable ChildWorkflows children;

	/** The answers for a person this workflow received before (DBOS {@code recv} steps), by request id. */
	private final Map<String, Map<?, ?>> received = new HashMap<>();

	private final AtomicInteger nextStep;

	/** Whether earlier executions recorded steps: this one continues a run (recovered, resumed or forked). */
	private final boolean recovered;

	/** By position, how many calls this execution made there so far (a retried call's attempts share positions). */
	private final Map<String, AtomicInteger> callsAt = new ConcurrentHashMap<>();

	/** By a call's position, how many of its calls and model rounds have a checkpoint in this run so far. */
	private final Map<String, AtomicInteger> checkpointedCalls = new ConcurrentHashMap<>();

	private DurableRun(DBOS dbos, ValueCodec codec, String workflowId, DBOSContext workflowContext,
			Map<String, Deque<Checkpoint>> recorded, List<Map<?, ?>> received, int nextStep, boolean recovered) {
		this.dbos = dbos;
		this.codec = codec;
		this.workflowId = workflowId;
		this.workflowContext = workflowContext;
		this.recorded = recorded;
		this.nextStep = new AtomicInteger(nextStep);
		this.recovered = recovered;
		for (Checkpoint checkpoint : recorded.values().stream().flatMap(Deque::stream).toList()) {
			String caller = checkpoint.caller();
			if (caller != null && !checkpoint.isModelRound()) {
				this.madeBy.computeIfAbsent(caller, (position) -> new ArrayList<>()).add(checkpoint);
			}
		}
		this.madeBy.replaceAll((caller, calls) -> sorted(calls));
		for (Map<?, ?> message : received) {
			if (message.get(DurableHumanWait.REQUEST) instanceof String requestId) {
				this.received.put(requestId, message);
			}
		}
	}

	private static List<Checkpoint> sorted(List<Checkpoint> calls) {
		List<Checkpoint> sorted = new ArrayList<>(calls);
		sorted.sort(BY_INDEX);
		return List.copyOf(sorted);
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
		dropIncomplete(recorded);
		return new DurableRun(dbos, codec, workflowId, workflowContext, recorded, received, nextStep,
				!steps.isEmpty());
	}

	/**
	 * Drops the checkpoints of calls that made more checkpointed calls and rounds than the run has for them, or one
	 * whose own checkpoint is dropped: a fork has only the steps that started before its fork point, so the calls
	 * enclosing the fork point (and any that was still making calls then) run again instead of being replayed.
	 */
	private static void dropIncomplete(Map<String, Deque<Checkpoint>> recorded) {
		List<Checkpoint> all = new ArrayList<>(recorded.values().stream().flatMap(Deque::stream).toList());
		Map<String, List<Checkpoint>> owned = new HashMap<>();
		for (Checkpoint checkpoint : all) {
			String owner = Checkpoint.owner(checkpoint.position());
			if (owner != null) {
				owned.computeIfAbsent(owner, (position) -> new ArrayList<>()).add(checkpoint);
			}
		}
		// The deepest first, so that a call's calls are judged before it.
		all.sort(Comparator.comparingInt(Checkpoint::depth).reversed());
		Set<Checkpoint> incomplete = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Checkpoint checkpoint : all) {
			Integer calls = checkpoint.calls();
			List<Checkpoint> made = owned.getOrDefault(checkpoint.position(), List.of());
			if ((calls != null && made.size() < calls) || made.stream().anyMatch(incomplete::contains)) {
				incomplete.add(checkpoint);
			}
		}
		if (!incomplete.isEmpty()) {
			recorded.values().forEach((checkpoints) -> checkpoints.removeIf(incomplete::contains));
		}
	}

	/**
	 * The steps the workflow recorded so far, read outside the workflow: inside it, DBOS would record the listing as a
	 * step of its own and answer every later execution with that first answer.
	 */
	private static List<StepInfo> stepsSoFar(DBOS dbos, DBOSContext workflowContext) {
		return outsideWorkflow(() -> dbos.listWorkflowSteps(workflowContext.getWorkflowId()));
	}

	/**
	 * Asks DBOS something outside the workflow: inside it, DBOS would record the question as a step of its own and
	 * answer every later execution with that first answer.
	 */
	private static <T> T outsideWorkflow(Supplier<T> question) {
		DBOSContext outer = DBOSContextHolder.get();
		DBOSContextHolder.set(new DBOSContext());
		try {
			return question.get();
		}
		finally {
			DBOSContextHolder.set(outer);
		}
	}

	/**
	 * The id of the session that runs this execution: the workflow id, unless that is not a session id (a queued
	 * child's, {@code parent/position}), then a UUID derived from it.
	 * @return the session id
	 */
	String sessionId() {
		return ExecutorConfig.isRunIdentifier(this.workflowId) ? this.workflowId
				: UUID.nameUUIDFromBytes(this.workflowId.getBytes(StandardCharsets.UTF_8)).toString();
	}

	/**
	 * Enqueues a call as a child workflow of the run on a durable queue, or finds the child an earlier execution
	 * enqueued: its id is the run's id and the call's position, so enqueueing it again is a no-op, except for a child
	 * the run's cancellation cancelled, which a resumed run enqueues again.
	 * @param queued the call's node, queue and workflow
	 * @param position the call's position
	 * @param arguments the call's arguments' text
	 * @return the child's workflow id
	 */
	String enqueue(QueuedCall<?> queued, String position, String arguments) {
		String child = this.workflowId + "/" + position;
		DBOSContext outer = DBOSContextHolder.get();
		// As a call of the workflow, so that DBOS records the child as the run's (cancelling the run cancels it).
		DBOSContextHolder.set(new DBOSContext(this.workflowContext, null, this.nextStep.getAndIncrement(), null));
		try {
			this.dbos.integration()
				.startRegisteredWorkflow(queued.workflow(), new Object[] { arguments },
						new StartWorkflowOptions(child).withQueue(queued.queue()));
		}
		finally {
			DBOSContextHolder.set(outer);
		}
		if (this.recovered) {
			// A resumed run's child that its cancellation cancelled before it ended is sent again; the ended ones
			// replay.
			outsideWorkflow(() -> this.dbos.getWorkflowStatus(child))
				.filter((status) -> status.status() == WorkflowState.CANCELLED)
				.ifPresent((status) -> outsideWorkflow(() -> this.dbos.resumeWorkflows(List.of(child), queued.queue())));
		}
		return child;
	}

	/**
	 * Waits until a queued child has ended; cancels it when the run is cancelled meanwhile.
	 * @param child the child's workflow id
	 * @return its final state
	 * @throws InterruptedException when this thread is interrupted
	 */
	WorkflowState awaitChild(String child) throws InterruptedException {
		ChildWorkflows waits;
		synchronized (this) {
			if (this.children == null) {
				this.children = new ChildWorkflows(this.dbos, this.workflowId);
			}
			waits = this.children;
		}
		return waits.await(child);
	}

	/**
	 * The failure a child workflow ended with that it did not checkpoint (it recorded no outcome of its call).
	 * @param child the child's workflow id
	 * @return the failure DBOS recorded
	 */
	Exception childFailure(String child) {
		return outsideWorkflow(() -> {
			try {
				this.dbos.retrieveWorkflow(child).getResult();
				return new IllegalStateException("Queued child workflow '" + child + "' ended without an outcome");
			}
			catch (Exception ex) {
				return ex;
			}
		});
	}

	/**
	 * Takes the checkpoints of an ended queued child as the run's own: its calls, at the positions under the call that
	 * sent it, are made again (and so recorded) under that call like the calls of a replayed call.
	 * @param child the child's workflow id
	 * @param position the position of the call that sent it
	 * @return the checkpoint of the child's call itself, at {@code position}, or {@code null} when the child recorded
	 * none (it failed with a failure that is not checkpointed, or was cancelled)
	 */
	@Nullable Checkpoint adopt(String child, String position) {
		Checkpoint root = null;
		Map<String, List<Checkpoint>> calls = new HashMap<>();
		for (StepInfo step : outsideWorkflow(() -> this.dbos.listWorkflowSteps(child))) {
			Checkpoint checkpoint = Checkpoint.of(step);
			if (checkpoint == null || checkpoint.isModelRound()) {
				continue;
			}
			Checkpoint sent = checkpoint.sentFrom(position, child);
			if (checkpoint.isRoot()) {
				root = sent;
			}
			else {
				calls.computeIfAbsent(Objects.requireNonNull(sent.caller()), (caller) -> new ArrayList<>()).add(sent);
			}
		}
		calls.forEach((caller, made) -> this.madeBy.put(caller, sorted(made)));
		return root;
	}

	/**
	 * Records a checkpoint as a new DBOS step of the run's workflow, counted for the call that made it
	 * ({@link #checkpointed}).
	 * @param checkpoint the checkpoint
	 */
	void record(Checkpoint checkpoint) {
		DBOSContext outer = DBOSContextHolder.get();
		DBOSContextHolder.set(new DBOSContext(this.workflowContext, null, this.nextStep.getAndIncrement(), null));
		try {
			this.dbos.runStep(checkpoint::toStepOutput, new StepOptions(
					Checkpoint.stepName(checkpoint.position(), checkpoint.node())));
		}
		finally {
			DBOSContextHolder.set(outer);
		}
		checkpointed(checkpoint.position());
	}

	/**
	 * The run's id: its DBOS workflow id, the caller's idempotency key, and its session's id.
	 * @return the id
	 */
	String workflowId() {
		return this.workflowId;
	}

	/**
	 * Whether an earlier execution of the run recorded steps: this execution continues the run after a crash, a
	 * resume, or as a fork of another run.
	 * @return whether the run is recovered
	 */
	boolean recovered() {
		return this.recovered;
	}

	/**
	 * Counts a call or model round that has a checkpoint in this run (recorded now or replayed), for the checkpoint of
	 * the call that made it.
	 * @param position the call's or the round's position
	 */
	void checkpointed(String position) {
		String owner = Checkpoint.owner(position);
		if (owner != null) {
			this.checkpointedCalls.computeIfAbsent(owner, (key) -> new AtomicInteger()).incrementAndGet();
		}
	}

	/** How many calls and rounds the call at a position made that have a checkpoint in this run. */
	private int checkpointedCallsOf(String position) {
		AtomicInteger count = this.checkpointedCalls.get(position);
		return (count != null) ? count.get() : 0;
	}

	/**
	 * Counts a call this execution makes at a position (not a replayed call's calls): the attempts of a retried call
	 * number their calls from 0 again, so a position may be called more than once, in the same order in every
	 * execution.
	 * @param position the call's position
	 * @return how many calls at that position this execution made, this one included (1 for the first)
	 */
	int callAt(String position) {
		return this.callsAt.computeIfAbsent(position, (key) -> new AtomicInteger()).incrementAndGet();
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
	 * thrown on; any other failure records none (DBOS keeps the failed step), so the work runs again on recovery. A
	 * checkpoint recorded is counted for the call that made the work ({@link #checkpointed}).
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
							ex.getClass().getName(), ex.getMessage(), null, checkpointedCallsOf(position)).toStepOutput();
				}
				String text = this.codec.value(what, value);
				result[0] = value;
				return new Checkpoint(position, node, type, arguments, text, null, null, null, checkpointedCallsOf(position))
					.toStepOutput();
			}, new StepOptions(Checkpoint.stepName(position, node)));
			checkpointed(position);
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

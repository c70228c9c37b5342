package dev.railtracks.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;
import org.slf4j.event.Level;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.FatalException;
import dev.railtracks.GlobalTimeoutException;
import dev.railtracks.Node;
import dev.railtracks.NodeCreationException;
import dev.railtracks.NodeDefinition;
import dev.railtracks.NodeInvocationException;
import dev.railtracks.Outcome;
import dev.railtracks.RailtracksContext;
import dev.railtracks.RailtracksException;
import dev.railtracks.info.EpochClock;
import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.info.Failure;
import dev.railtracks.info.RequestStatus;
import dev.railtracks.info.RequestTemplate;
import dev.railtracks.info.Stamp;
import dev.railtracks.info.StampManager;
import dev.railtracks.info.ValueText;
import dev.railtracks.pubsub.FatalFailure;
import dev.railtracks.pubsub.RequestCompletionMessage;
import dev.railtracks.pubsub.RequestCreation;
import dev.railtracks.pubsub.RequestFailure;
import dev.railtracks.pubsub.RequestSuccess;
import dev.railtracks.pubsub.Streaming;

/**
 * The engine of one session: creates nodes and records their requests, hands them to the {@link Coordinator},
 * records their outcomes before publishing them, applies the failure policy ({@code endOnError}, fatal errors) and
 * the global timeout, and answers with {@link ExecutionInfo} snapshots.
 *
 * <p>A synchronous call runs the child on the caller's thread (up to {@value #MAX_INLINE_DEPTH} nested levels, then
 * on a fresh thread with a fresh stack); asynchronous and batch calls use the execution strategy, which never queues,
 * so a blocked parent cannot starve its children.
 *
 * <p>Engine API: {@link dev.railtracks.Session} and {@link dev.railtracks.Railtracks} drive it; applications use those.
 */
final class RTState {

	/** Synchronous calls nested on one thread before the next one moves to a fresh thread (and stack). */
	static final int MAX_INLINE_DEPTH = 128;

	/**
	 * How long a caller whose top-level node runs on another thread waits for it before parking: about what parking
	 * and waking it again would cost (tens of microseconds on a virtual machine), and nothing on a single processor,
	 * where spinning only delays the node.
	 */
	private static final long HANDOFF_SPIN_NANOS = (Runtime.getRuntime().availableProcessors() > 1)
			? TimeUnit.MICROSECONDS.toNanos(50) : 0;

	final String sessionId;

	final ExecutorConfig config;

	final Coordinator coordinator;

	final @Nullable RailtracksObservations observations;

	private final MessageBus publisher;

	private final SessionEventLog log;

	private final RailtracksContext context;

	private final @Nullable Observation sessionObservation;

	private final StampManager stamper = new StampManager();

	private final Journal journal = new Journal();

	/** The last snapshot, while nothing has been recorded since; see {@link #info()}. */
	private volatile @Nullable Snapshot lastSnapshot;

	private final Set<Run> activeRuns = ConcurrentHashMap.newKeySet();

	private volatile boolean closed;

	/**
	 * Creates the state of a session.
	 * @param sessionId the session's id
	 * @param config the session's configuration
	 * @param coordinator the session's coordinator
	 * @param publisher the session's publisher
	 * @param log the session's event log
	 * @param context the session's context variables
	 * @param observations the observation factory, or {@code null} when not observed
	 * @param sessionObservation the session's observation, parent of top-level nodes, or {@code null}
	 */
	public RTState(String sessionId, ExecutorConfig config, Coordinator coordinator, MessageBus publisher,
			SessionEventLog log, RailtracksContext context, @Nullable RailtracksObservations observations,
			@Nullable Observation sessionObservation) {
		this.sessionId = sessionId;
		this.config = config;
		this.coordinator = coordinator;
		this.publisher = publisher;
		this.log = log;
		this.context = context;
		this.observations = observations;
		this.sessionObservation = sessionObservation;
	}

	// ---- entry points used by Session and Railtracks

	/**
	 * Installs this session as the current thread's session, as a session does when it is created.
	 * @return the scope, to unbind on close
	 */
	public Scope bindToCurrentThread() {
		return Scope.bindSession(this, this.sessionObservation);
	}

	/**
	 * Starts a top-level call: the node runs on a thread of the execution strategy, under the session's timeout.
	 * Cancelling the returned future cancels the run.
	 * @param <O> the result type
	 * @param definition the node
	 * @param args its arguments
	 * @return the node's result, completed exceptionally with its failure, a {@link GlobalTimeoutException}, or the
	 * fatal failure that ended the run
	 * @throws NodeCreationException when the node cannot be created from the arguments
	 * @throws IllegalStateException when the session is closed
	 */
	@SuppressWarnings("unchecked")
	public <O> CompletableFuture<O> start(NodeDefinition<O> definition, @Nullable Object[] args) {
		return (CompletableFuture<O>) startRun(definition, args).result;
	}

	/**
	 * Starts one top-level call per argument list, in parallel, after every node is created: an argument list that
	 * does not fit starts nothing.
	 * @param <O> the result type
	 * @param definition the node
	 * @param argumentLists one argument array per call
	 * @return the calls' results, in input order
	 * @throws NodeCreationException when an argument list doesn't fit the node
	 */
	@SuppressWarnings("unchecked")
	public <O> List<CompletableFuture<O>> startAll(NodeDefinition<O> definition, List<@Nullable Object[]> argumentLists) {
		ensureOpen();
		List<Node<?>> nodes = createNodes(definition, argumentLists);
		List<CompletableFuture<O>> results = new ArrayList<>(nodes.size());
		for (int i = 0; i < nodes.size(); i++) {
			results.add((CompletableFuture<O>) startRun(nodes.get(i), argumentLists.get(i)).result);
		}
		return results;
	}

	/**
	 * Runs a top-level call and waits for it. Without a timeout the node runs on this thread, which would wait for it
	 * anyway: no handoff. With a timeout it runs on a thread of the execution strategy, so that the timeout releases
	 * this thread at the deadline (plus {@link Run#STOP_GRACE_NANOS} for the run to stop) whatever the node does with
	 * its interrupt: a thread cannot be taken back from a node running on it. Either way the run's timeout, a fatal
	 * failure or the session's close interrupt the run's threads and record its open requests at once, and
	 * interrupting this thread cancels the run. Nested too deep in other runs on this thread, the node runs on a
	 * fresh thread (and stack) too.
	 * @param <O> the result type
	 * @param definition the node
	 * @param args its arguments
	 * @return the node's result
	 */
	@SuppressWarnings("unchecked")
	public <O> O callTopLevel(NodeDefinition<O> definition, @Nullable Object[] args) {
		ensureOpen();
		Scope current = Scope.current();
		int depth = ((current != null) ? current.depth : 0) + 1;
		RequestRecord record = openRun(createNode(definition, args), args);
		Run run = record.run;
		if (Thread.currentThread().isInterrupted()) {
			throw cancelInterruptedRun(run, definition.name());
		}
		if (this.config.timeout() != null || depth > MAX_INLINE_DEPTH) {
			startAsync(new NodeTask(this, record, this.sessionObservation, run.result), record, run.result);
			spinBriefly(run.result);
			return (O) await(run.result, run, definition.name(), true);
		}
		NodeTask task = new NodeTask(this, record, this.sessionObservation, run.result);
		task.depth = depth;
		task.run();
		if (run.failure() == null && Thread.currentThread().isInterrupted()) {
			// Interrupted from outside the run (a node that caught the interrupt keeps the flag set, see NodeTask): as
			// for a caller waiting on another thread, the rest of the run ends too. What the node returned stands.
			cancelInterruptedRun(run, definition.name());
		}
		return (O) await(run.result, run, definition.name(), true);
	}

	/**
	 * Waits up to {@link #HANDOFF_SPIN_NANOS} for a result handed to another thread without parking: a quick node is
	 * back by then, and neither thread pays for the caller being parked and woken again.
	 */
	private static void spinBriefly(CompletableFuture<?> result) {
		long until = System.nanoTime() + HANDOFF_SPIN_NANOS;
		while (!result.isDone() && System.nanoTime() - until < 0) {
			Thread.onSpinWait();
		}
	}

	/** Cancels the rest of a run whose caller was interrupted; the interrupt stays set for the caller's caller. */
	private RailtracksException cancelInterruptedRun(Run run, String running) {
		RailtracksException interrupted = new RailtracksException(
				"Interrupted while running " + running + "; the run was cancelled");
		cancelRun(run, interrupted);
		Thread.currentThread().interrupt();
		return interrupted;
	}

	private Run startRun(NodeDefinition<?> definition, @Nullable Object[] args) {
		ensureOpen();
		return startRun(createNode(definition, args), args);
	}

	private Run startRun(Node<?> node, @Nullable Object[] args) {
		RequestRecord record = openRun(node, args);
		startAsync(new NodeTask(this, record, this.sessionObservation, record.run.result), record, record.run.result);
		return record.run;
	}

	/** Records a top-level request as a new run under the session's timeout; the caller starts its node. */
	private RequestRecord openRun(Node<?> node, @Nullable Object[] args) {
		Run run = new Run(node.name());
		// Added before the closed check, so that a concurrent shutdown either refuses the run or cancels it.
		this.activeRuns.add(run);
		if (this.closed) {
			this.activeRuns.remove(run);
			ensureOpen();
		}
		RequestRecord record;
		try {
			record = record(null, run, node, args);
		}
		catch (RuntimeException ex) {
			this.activeRuns.remove(run);
			throw ex;
		}
		Duration timeout = this.config.timeout();
		if (timeout != null) {
			run.timer = this.coordinator.scheduleTimeout(() -> timeOut(run, timeout), timeout);
		}
		run.result.onCancel(() -> cancelRun(run, new CancellationException("The run of '" + record.nodeName
				+ "' was cancelled through its future")));
		run.result.whenComplete((result, error) -> {
			this.activeRuns.remove(run);
			if (run.timer != null) {
				run.timer.cancel(false);
			}
		});
		return record;
	}

	/**
	 * A synchronous call from inside a node: runs the child and returns its result or throws its failure.
	 * @param <O> the result type
	 * @param scope the calling node's scope
	 * @param definition the child
	 * @param args its arguments
	 * @return the child's result
	 */
	// NullAway: the inline outcome is null when the node returned null, as on the asynchronous path; O stays as declared
	@SuppressWarnings({ "unchecked", "NullAway" })
	public <O> O call(Scope scope, NodeDefinition<O> definition, @Nullable Object[] args) {
		RequestRecord caller = callerOf(scope);
		Run run = caller.run;
		RequestRecord record = record(caller, run, createNode(definition, args), args);
		if (this.config.inlineSynchronousCalls() && scope.depth < MAX_INLINE_DEPTH) {
			try {
				NodeTask task = new NodeTask(this, record, scope.observation, null);
				task.depth = scope.depth + 1;
				this.coordinator.submit(task, ExecutionMode.INLINE);
				caller.inlineChild = null;
				return (O) task.outcome();
			}
			catch (StackOverflowError ex) {
				// Overflowed before the node could record its outcome (a caller near the stack's limit).
				finishOnFreshStack(record, null, ex);
				caller.inlineChild = null;
				throw ex;
			}
		}
		caller.inlineChild = null;
		CompletableFuture<Object> result = new CompletableFuture<>();
		record.future = result;
		startAsync(new NodeTask(this, record, scope.observation, result), record, result);
		return (O) await(result, run, record.nodeName, false);
	}

	/**
	 * The design's {@code call_nodes}: creates a node from the arguments, records it and its request under the
	 * calling node with one stamp, and starts it on a thread of the execution strategy (an asynchronous call).
	 * @param <O> the result type
	 * @param scope the calling node's scope
	 * @param definition the child
	 * @param args its arguments
	 * @return the child's result, completed exceptionally with its failure; cancelling it records the request as
	 * cancelled (the node's thread is not interrupted)
	 * @throws NodeCreationException when the arguments don't fit the node; nothing is recorded then
	 */
	@SuppressWarnings("unchecked")
	public <O> CompletableFuture<O> callNodes(Scope scope, NodeDefinition<O> definition, @Nullable Object[] args) {
		RequestRecord caller = callerOf(scope);
		RequestRecord record = record(caller, caller.run, createNode(definition, args), args);
		caller.inlineChild = null;
		CancellableFuture<Object> result = new CancellableFuture<>();
		record.future = result;
		result.onCancel(() -> closeAsFailed(record,
				new CancellationException("The call of '" + record.nodeName + "' was cancelled through its future"), true));
		startAsync(new NodeTask(this, record, scope.observation, result), record, result);
		return (CompletableFuture<O>) result;
	}

	/**
	 * A parallel fan-out from inside a node: one child per argument list, every outcome in input order. Every
	 * argument list is validated before any child is recorded or started.
	 * @param <O> the result type
	 * @param scope the calling node's scope
	 * @param definition the node
	 * @param argumentLists one argument array per call
	 * @return the outcomes, in input order
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public <O> List<Outcome<O>> callBatchOutcomes(Scope scope, NodeDefinition<O> definition,
			List<@Nullable Object[]> argumentLists) {
		return (List) batch(scope, definition, argumentLists).outcomes();
	}

	private BatchCall batch(Scope scope, NodeDefinition<?> definition, List<@Nullable Object[]> argumentLists) {
		RequestRecord caller = callerOf(scope);
		List<Node<?>> nodes = createNodes(definition, argumentLists);
		List<RequestRecord> records = new ArrayList<>(nodes.size());
		// Created together: one time for all, each with its own step.
		long created = EpochClock.nowNanos();
		for (int i = 0; i < nodes.size(); i++) {
			records.add(record(caller, caller.run, nodes.get(i), argumentLists.get(i), created));
		}
		caller.inlineChild = null;
		return new BatchCall(this, scope, caller.run, records);
	}

	/**
	 * Publishes a broadcast item; inside a node, the node's completion waits until subscribers have it.
	 * @param scope the current scope
	 * @param item the item
	 */
	public void broadcast(Scope scope, @Nullable Object item) {
		RequestRecord record = scope.record;
		Streaming message = new Streaming(this.sessionId, (record != null) ? record.id() : null,
				(record != null) ? record.node.identifier() : null, (record != null) ? record.nodeName : "session", item,
				now());
		CompletableFuture<Void> delivered = this.publisher.publishTracked(message);
		if (record != null && !delivered.isDone()) {
			record.lastBroadcast = delivered;
		}
	}

	/**
	 * The session's context variables.
	 * @return the context
	 */
	public RailtracksContext context() {
		return this.context;
	}

	/**
	 * The session's identifier.
	 * @return the session id
	 */
	public String sessionId() {
		return this.sessionId;
	}

	// ---- the design's RTState operations

	/**
	 * The design's {@code handle}: writes a node's own outcome into its record as the request's finishing version,
	 * unless the request was already ended from outside. Called by the engine itself before anything is published,
	 * so that no subscriber can keep the record from being written.
	 * @return whether it was written
	 */
	private boolean recordOutcome(RequestRecord record, @Nullable Object result, @Nullable Throwable error) {
		// A node its run ended never gets here: finish() records it through the run's ending (closeAsFailed).
		boolean written = (error == null) ? record.finishOnce(result, RequestStatus.COMPLETED, this.stamper)
				: record.finishOnce(new Failure(error), RequestStatus.FAILED, this.stamper);
		if (!written) {
			return false;
		}
		this.journal.finished(record);
		if (error != null) {
			// String.concat, not +: a node's first failure may be a stack overflow, recorded on the exhausted stack.
			this.log.log(Level.ERROR, record.nodeName.concat(" FAILED: ").concat(ValueText.of(error)), error);
		}
		else if (this.log.isEnabled(Level.INFO)) {
			this.log.log(Level.INFO, record.nodeName + " DONE");
		}
		return true;
	}

	/**
	 * Cancels a running node: its request is recorded as failed with a {@link CancellationException}, which its caller
	 * receives (an asynchronous caller at once), and the node can make no further calls. The node's thread is not
	 * interrupted, because it may be running its caller too.
	 * @param nodeId the node's id
	 * @return {@code true} when the node was running and is now cancelled, {@code false} when it had finished
	 * @throws IllegalArgumentException when the session has no such node
	 */
	public boolean cancel(String nodeId) {
		UUID wanted = parseId(nodeId);
		RequestRecord record = (wanted != null) ? this.journal.openRequestOf(wanted) : null;
		if (record == null) {
			if (wanted != null && this.journal.hasNode(wanted)) {
				return false;
			}
			throw new IllegalArgumentException("No node '" + nodeId + "' in session " + this.sessionId);
		}
		CancellationException cancelled = new CancellationException(
				"Node '" + record.nodeName + "' (" + nodeId + ") was cancelled");
		if (record.caller == null && record.isOpen()) {
			// A top-level node is its run: cancel all of it, which also releases the caller.
			cancelRun(record.run, cancelled);
			return true;
		}
		return closeAsFailed(record, cancelled, true);
	}

	private @Nullable UUID parseId(String nodeId) {
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
	 * Cancels every run still in progress, and every request still running after its run's top-level node returned,
	 * then shuts down the coordinator's strategies.
	 */
	public void shutdown() {
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
		// Looked up after every run is cancelled: a request recorded later records its own ending (see record()).
		Map<Run, List<RequestRecord>> open = openRequests(unfinished);
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

	/**
	 * Whether the session is shut down.
	 * @return {@code true} once shut down
	 */
	public boolean isClosed() {
		return this.closed;
	}

	/**
	 * A snapshot of the whole execution: the newest version of every request, copied in creation order. While
	 * nothing is recorded after a snapshot in which every request had finished, the same snapshot is returned, so a
	 * run's {@code runSync} and the session's {@code close} share one.
	 * @return the execution info
	 */
	public ExecutionInfo info() {
		// Every recording takes a step, and every request takes a journal slot, before it is written.
		long step = this.stamper.currentStep();
		int size = this.journal.size();
		Snapshot last = this.lastSnapshot;
		if (last != null && last.step == step && last.size == size) {
			return last.info;
		}
		RequestTemplate[] heads = new RequestTemplate[size];
		int count = 0;
		boolean settled = true;
		for (int i = 0; i < size; i++) {
			RequestTemplate head = this.journal.head(i);
			if (head == null) {
				// Its slot is reserved and not yet filled: its creation is under way, and left out of this snapshot.
				settled = false;
				continue;
			}
			settled &= head.isClosed();
			heads[count++] = head;
		}
		ExecutionInfo info = ExecutionInfo.of((count == size) ? heads : Arrays.copyOf(heads, count), this.stamper);
		if (settled) {
			// Nothing was under way: this snapshot stays current until the next step or request.
			this.lastSnapshot = new Snapshot(step, size, info);
		}
		return info;
	}

	/**
	 * A snapshot of the part of the execution under the given requests.
	 * @param requestIds request ids
	 * @return the filtered execution info
	 */
	public ExecutionInfo getInfo(Collection<String> requestIds) {
		return info().getInfo(requestIds);
	}

	/**
	 * Whether nothing has been recorded yet.
	 * @return {@code true} when empty
	 */
	public boolean isEmpty() {
		return this.journal.size() == 0;
	}

	/** A snapshot and the step and journal size it was taken at. */
	private record Snapshot(long step, int size, ExecutionInfo info) {
	}

	/**
	 * Records a manual stamp in the session's history.
	 * @param identifier what happened
	 * @return the stamp
	 */
	public Stamp addStamp(String identifier) {
		return this.stamper.createStamp(identifier);
	}

	// ---- engine internals

	/**
	 * Records a node's outcome (see {@link #recordOutcome}), publishes it, then applies the failure policy. A request
	 * that was cancelled, or whose run ended, before its node came back was recorded and published as failed then, so
	 * its late outcome is dropped (see {@link #logDroppedOutcome}).
	 */
	void finish(RequestRecord record, @Nullable Object result, @Nullable Throwable error) {
		RequestRecord unrecordedChild = record.inlineChild;
		if (unrecordedChild != null) {
			// Its inline call overflowed the stack so deep that not even the failure could be written there.
			// String.concat, not +: a concatenation's call site is linked the first time it runs, here on an
			// exhausted stack (see FreshStackFinish).
			finish(unrecordedChild, null, new StackOverflowError("Node '".concat(unrecordedChild.nodeName)
				.concat("' overflowed the stack before its outcome could be recorded")));
		}
		Throwable ended = record.endedWith();
		if (ended != null) {
			// Still running when it or its run ended: recorded as ended (now, if its run's ending missed it), whatever
			// it did afterwards.
			closeAsFailed(record, ended, false);
		}
		else if (recordOutcome(record, result, error)) {
			publishOutcome(record, result, error);
			return;
		}
		else {
			ended = record.cancelledWith();
			if (ended == null) {
				// Its own outcome was recorded already (by a retry on a fresh stack).
				return;
			}
		}
		logDroppedOutcome(record, ended, result, error);
	}

	private void publishOutcome(RequestRecord record, @Nullable Object result, @Nullable Throwable error) {
		if (this.publisher.hasSubscribers()) {
			publishQuietly((error == null)
					? new RequestSuccess(this.sessionId, record.id(), record.callerNodeId(), record.nodeName,
							record.node.identifier(), result, now())
					: new RequestFailure(this.sessionId, record.id(), record.callerNodeId(), record.nodeName,
							record.node.identifier(), error, now()));
		}
		if (error != null && isFatal(error)) {
			endRunFatally(record, error);
		}
	}

	/**
	 * Says once that a node abandoned by its run (a timeout it ignored, say) or cancelled came back after all, and
	 * that its outcome was dropped: at INFO for a result, which someone may miss, at DEBUG for a failure (mostly the
	 * interrupt it was sent), and not at all when it only passed on the ending it was told of.
	 */
	private void logDroppedOutcome(RequestRecord record, Throwable ended, @Nullable Object result,
			@Nullable Throwable error) {
		if (error == ended) {
			return;
		}
		Level level = (error == null) ? Level.INFO : Level.DEBUG;
		if (this.log.isEnabled(level)) {
			long now = EpochClock.nowNanos();
			RequestTemplate ending = record.requestHead;
			// The thread that ended it may still be writing its ending, a moment ago.
			long late = TimeUnit.NANOSECONDS.toMillis(now - (ending.isClosed() ? ending.epochNanos() : now));
			this.log.log(level, record.nodeName + ((error == null) ? " returned " : " failed ") + late
					+ " ms after it was ended (" + ended.getMessage() + "); its "
					+ ((error == null) ? "result was dropped" : "failure was dropped: " + ValueText.of(error)));
		}
	}

	/**
	 * {@link #finish} on another thread, for a caller whose own stack is exhausted; does nothing when the request was
	 * recorded meanwhile.
	 */
	void finishOnFreshStack(RequestRecord record, @Nullable Object result, @Nullable Throwable error) {
		FreshStackFinish finish = new FreshStackFinish(this, record, result, error);
		this.coordinator.execute(finish);
		finish.awaitDone();
	}

	/** Waits for a call's result; the run's cancellation or the caller's interrupt end the wait. */
	Object await(CompletableFuture<?> result, Run run, String waitingFor, boolean cancelRunOnInterrupt) {
		try {
			return result.get();
		}
		catch (ExecutionException ex) {
			throw NodeInvocationException.unchecked(ex.getCause(), waitingFor);
		}
		catch (RuntimeException ex) {
			// get() builds its ExecutionException from the failure's toString(); a failure whose message cannot be
			// read breaks that, so the caller gets the failure itself. A cancellation is passed on as it is.
			Throwable failure = result.isDone() ? result.handle((value, error) -> error).getNow(null) : null;
			if (failure instanceof CompletionException wrapped && wrapped.getCause() != null) {
				failure = wrapped.getCause();
			}
			throw (failure != null && failure != ex) ? NodeInvocationException.unchecked(failure, waitingFor) : ex;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			Throwable cancelled = run.failure();
			if (cancelled != null) {
				throw NodeInvocationException.unchecked(cancelled, waitingFor);
			}
			RailtracksException interrupted = new RailtracksException("Interrupted while waiting for " + waitingFor
					+ (cancelRunOnInterrupt ? "; the run was cancelled" : ""), ex);
			if (cancelRunOnInterrupt) {
				cancelRun(run, interrupted);
			}
			throw interrupted;
		}
	}

	private Node<?> createNode(NodeDefinition<?> definition, @Nullable Object[] args) {
		if (definition == null) {
			throw new NodeCreationException("Node definition must not be null");
		}
		if (args == null) {
			throw new NodeCreationException("Arguments of '" + definition.name() + "' must be an array, not null");
		}
		try {
			Node<?> node = definition.create(args);
			String name = node.name();
			// The name is part of the record's schema: a null or blank one is refused before anything is recorded.
			if (name == null || name.isBlank()) {
				throw new NodeCreationException("Node " + node.getClass().getName() + " must have a name, but name() returned "
						+ ((name == null) ? "null" : "'" + name + "'"));
			}
			return node;
		}
		catch (NodeCreationException ex) {
			this.log.log(Level.ERROR, "Request creation FAILED for " + definition.name() + ": " + ex.getMessage());
			throw ex;
		}
	}

	private List<Node<?>> createNodes(NodeDefinition<?> definition, List<@Nullable Object[]> argumentLists) {
		List<Node<?>> nodes = new ArrayList<>(argumentLists.size());
		for (Object[] args : argumentLists) {
			nodes.add(createNode(definition, args));
		}
		return nodes;
	}

	private RequestRecord record(@Nullable RequestRecord caller, Run run, Node<?> node, @Nullable Object[] args) {
		return record(caller, run, node, args, EpochClock.nowNanos());
	}

	private RequestRecord record(@Nullable RequestRecord caller, Run run, Node<?> node, @Nullable Object[] args,
			long epochNanos) {
		String name = node.name();
		RequestRecord record = new RequestRecord(caller, node, name, args, run, this.stamper.nextStep(), epochNanos);
		if (caller != null) {
			// Known to the caller until it is recorded or handed on, in case a stack overflow leaves no room to do it.
			caller.inlineChild = record;
		}
		try {
			this.journal.add(record);
			if (this.log.isEnabled(Level.INFO)) {
				this.log.log(Level.INFO, record.requestHead.stamp().identifier());
			}
			if (this.publisher.hasSubscribers()) {
				RequestTemplate created = record.requestHead;
				// Quietly: a node still running when its session closed must get to the check below, which records it.
				publishQuietly(new RequestCreation(this.sessionId, created.identifier(), record.callerNodeId(), name,
						node.identifier(), created.inputArgs(), Instant.ofEpochSecond(0, created.epochNanos())));
			}
		}
		catch (StackOverflowError ex) {
			finishOnFreshStack(record, null, ex);
			throw ex;
		}
		Throwable ended = run.failure();
		if (ended != null) {
			// Recorded while its run was ending (a batch mid-way): the run's cancellation may have missed it.
			closeAsFailed(record, ended, false);
		}
		return record;
	}

	/**
	 * Hands a recorded request to the strategy. A strategy that refuses it (rejection, or no native thread left)
	 * must not leave the request open forever: it is recorded as failed with the refusal, which also reaches the caller.
	 */
	private void startAsync(NodeTask task, RequestRecord record, CompletableFuture<Object> result) {
		try {
			this.coordinator.submit(task, ExecutionMode.ASYNC);
		}
		catch (RuntimeException | OutOfMemoryError ex) {
			closeAsFailed(record, ex, true);
			result.completeExceptionally(ex);
			throw ex;
		}
	}

	/**
	 * Records a running request as failed with {@code cause} (cancelled, timed out, refused, or ended with its run),
	 * publishes that failure, and releases an asynchronous caller at once.
	 */
	private boolean closeAsFailed(RequestRecord record, Throwable cause, boolean logIt) {
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
		CompletableFuture<Object> future = record.future;
		if (future != null) {
			future.completeExceptionally(cause);
		}
		return true;
	}

	/** Publishes a message already recorded; once the session closed under a running node, there is no one to tell. */
	private void publishQuietly(RequestCompletionMessage message) {
		try {
			this.publisher.publish(message);
		}
		catch (IllegalStateException ex) {
			// Closed: the outcome is in the record, which is what close() saves.
		}
	}

	private boolean isFatal(Throwable error) {
		return this.config.endOnError() || error instanceof FatalException
				|| (error instanceof NodeInvocationException invocation && invocation.isFatal());
	}

	/** After the failure itself is published: announce the fatal failure once, then end the run with it. */
	private void endRunFatally(RequestRecord record, Throwable error) {
		cancelRun(record.run, error, () -> {
			// The failure itself was logged once, with its stack trace, when it was recorded: say only what it causes.
			this.log.log(Level.WARN, "Ending the run: " + record.nodeName + " FAILED and "
					+ (this.config.endOnError() ? "end-on-error is on" : "the failure is fatal"));
			publishQuietly(new FatalFailure(this.sessionId, record.id(), record.callerNodeId(), record.nodeName, error,
					now()));
		});
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

	/**
	 * Ends a run: its running nodes are interrupted first (and no new node starts in it), then its open requests are
	 * recorded as failed, then its caller is released once its threads stopped or the grace period passed.
	 */
	private void cancelRun(Run run, Throwable cause) {
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
	 * The requests of the given runs whose finishing version is not written yet (still running, or being recorded by
	 * the thread that claimed it), in one pass over the journal.
	 */
	private Map<Run, List<RequestRecord>> openRequests(Set<Run> runs) {
		Map<Run, List<RequestRecord>> open = new HashMap<>();
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
	 * Records the given requests of a cancelled run as failed with the cause, and logs the run's end: once by whoever
	 * ended it (even when its nodes, stopping at once, recorded their own ending first), and by anyone else who still
	 * found requests to record. A request recorded after its run was cancelled records its own ending (see
	 * {@link #record}), so one look at the journal, taken after the cancel, finds every other.
	 */
	private void closeOpenRequests(Run run, List<RequestRecord> open, Throwable cause, boolean endedHere) {
		int closed = 0;
		List<RequestRecord> recordingThemselves = new ArrayList<>();
		for (RequestRecord record : open) {
			if (closeAsFailed(record, cause, false)) {
				closed++;
			}
			else {
				recordingThemselves.add(record);
			}
		}
		// A node that claimed its own outcome first is writing it now: the run's caller must not see it open.
		recordingThemselves.forEach(RequestRecord::awaitRecorded);
		if (closed > 0 || endedHere) {
			this.log.log(Level.WARN, run.name + " ENDED: " + cause.getMessage()
					+ ((closed > 0) ? "; " + closed + " running request(s) recorded as failed" : ""));
		}
	}

	/** The calling node's record, refusing calls from a cancelled node, a cancelled run or a closed session. */
	private RequestRecord callerOf(Scope scope) {
		RequestRecord caller = scope.record;
		if (caller == null) {
			throw new IllegalStateException("Not inside a node: use Session.runSync/run for a top-level call");
		}
		Throwable cancelled = caller.cancelledWith();
		if (cancelled == null) {
			cancelled = caller.run.failure();
		}
		if (cancelled != null) {
			throw NodeInvocationException.unchecked(cancelled, caller.nodeName);
		}
		ensureOpen();
		return caller;
	}

	private void ensureOpen() {
		if (this.closed) {
			throw new IllegalStateException("Session " + this.sessionId + " is closed; create a new Session");
		}
	}

	private static Instant now() {
		return Instant.ofEpochSecond(0, EpochClock.nowNanos());
	}


}

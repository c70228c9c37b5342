package dev.railtracks.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;
import org.slf4j.event.Level;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.GlobalTimeoutException;
import dev.railtracks.Node;
import dev.railtracks.NodeCreationException;
import dev.railtracks.NodeDefinition;
import dev.railtracks.NodeInvocationException;
import dev.railtracks.Outcome;
import dev.railtracks.RailtracksContext;
import dev.railtracks.RailtracksException;
import dev.railtracks.support.EpochClock;
import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.info.StampManager;
import dev.railtracks.info.access.RecordWriter;
import dev.railtracks.pubsub.Streaming;

/**
 * The engine of one session, and its call dispatch: creates nodes, has the {@link Recorder} record their requests,
 * runs them inline or hands them to the {@link Coordinator}, and has their outcomes recorded and the failure policy
 * applied ({@link RunControl}) when they come back. Ending runs from outside (timeout, cancel, shutdown) is
 * {@link RunControl}'s job, snapshots ({@link #info()}) are {@link Snapshots}'.
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

	private static final VarHandle TOP_LEVEL_CALLS;

	static {
		try {
			TOP_LEVEL_CALLS = MethodHandles.lookup().findVarHandle(RTState.class, "topLevelCalls", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	final String sessionId;

	final ExecutorConfig config;

	final Coordinator coordinator;

	final @Nullable RailtracksObservations observations;

	private final MessageBus publisher;

	private final SessionEventLog log;

	private final RailtracksContext context;

	private final @Nullable Observation sessionObservation;

	/** Writes the record; the batch records its children through it as they are claimed. */
	final Recorder recorder;

	private final RunControl runControl;

	private final Snapshots snapshots;

	/** How many top-level calls with node middleware were made (updated through {@link #TOP_LEVEL_CALLS}). */
	@SuppressWarnings("unused")
	private int topLevelCalls;

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
	RTState(String sessionId, ExecutorConfig config, Coordinator coordinator, MessageBus publisher,
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
		StampManager stamper = RecordWriter.get().newHistory();
		Journal journal = new Journal();
		this.recorder = new Recorder(sessionId, publisher, log, stamper, journal);
		this.runControl = new RunControl(sessionId, config, coordinator, this.recorder, journal, log);
		this.snapshots = new Snapshots(stamper, journal);
	}

	/**
	 * Numbers a top-level call that has node middleware: its {@link dev.railtracks.NodeCall#callPath()}.
	 * @return the call's index among the session's top-level intercepted calls, from 0
	 */
	int nextTopLevelCall() {
		return (int) TOP_LEVEL_CALLS.getAndAdd(this, 1);
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
		LiveRequest record = openRun(createNode(definition, args), args);
		Run run = record.run;
		if (Thread.currentThread().isInterrupted()) {
			throw cancelInterruptedRun(run, definition.name());
		}
		if (this.config.timeout() != null || depth > MAX_INLINE_DEPTH) {
			startAsync(new NodeTask(this, record, 0, this.sessionObservation, run.result), record, run.result);
			spinBriefly(run.result);
			return (O) await(run.result, run, definition.name(), true);
		}
		new NodeTask(this, record, depth, this.sessionObservation, run.result).run();
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
		this.runControl.cancelRun(run, interrupted);
		Thread.currentThread().interrupt();
		return interrupted;
	}

	private Run startRun(NodeDefinition<?> definition, @Nullable Object[] args) {
		ensureOpen();
		return startRun(createNode(definition, args), args);
	}

	private Run startRun(Node<?> node, @Nullable Object[] args) {
		LiveRequest record = openRun(node, args);
		startAsync(new NodeTask(this, record, 0, this.sessionObservation, record.run.result), record,
				record.run.result);
		return record.run;
	}

	/** Records a top-level request as a new run under the session's timeout; the caller starts its node. */
	private LiveRequest openRun(Node<?> node, @Nullable Object[] args) {
		Run run = this.runControl.admit(node.name());
		LiveRequest record;
		try {
			record = record(null, run, node, args, EpochClock.nowNanos());
		}
		catch (RuntimeException ex) {
			this.runControl.withdraw(run);
			throw ex;
		}
		this.runControl.supervise(run, record);
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
		LiveRequest caller = callerOf(scope);
		Run run = caller.run;
		LiveRequest record = record(caller, run, createNode(definition, args), args, EpochClock.nowNanos());
		if (this.config.inlineSynchronousCalls() && scope.depth < MAX_INLINE_DEPTH) {
			try {
				NodeTask task = new NodeTask(this, record, scope.depth + 1, scope.observation, null);
				this.coordinator.submit(task, ExecutionMode.INLINE);
				caller.childHandledOn();
				return (O) task.outcome();
			}
			catch (StackOverflowError ex) {
				// Overflowed before the node could record its outcome (a caller near the stack's limit).
				finishOnFreshStack(record, null, ex);
				caller.childHandledOn();
				throw ex;
			}
		}
		caller.childHandledOn();
		CompletableFuture<Object> result = new CompletableFuture<>();
		record.awaitedThrough(result);
		startAsync(new NodeTask(this, record, 0, scope.observation, result), record, result);
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
		LiveRequest caller = callerOf(scope);
		LiveRequest record = record(caller, caller.run, createNode(definition, args), args, EpochClock.nowNanos());
		caller.childHandledOn();
		CancellableFuture<Object> result = new CancellableFuture<>();
		record.awaitedThrough(result);
		result.onCancel(() -> this.recorder.closeAsFailed(record,
				new CancellationException("The call of '" + record.nodeName + "' was cancelled through its future"), true));
		startAsync(new NodeTask(this, record, 0, scope.observation, result), record, result);
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

	/** Creates every child's node first, so that an argument list that does not fit starts nothing. */
	private BatchCall batch(Scope scope, NodeDefinition<?> definition, List<@Nullable Object[]> argumentLists) {
		callerOf(scope);
		int size = argumentLists.size();
		// Object[], not Node<?>[]: the batch puts each child's outcome in place of its node.
		Object[] nodes = new Object[size];
		Object[][] arguments = new Object[size][];
		int i = 0;
		for (Object[] args : argumentLists) {
			nodes[i] = createNode(definition, args);
			arguments[i++] = args;
		}
		return new BatchCall(this, scope, nodes, arguments);
	}

	/**
	 * Publishes a broadcast item; inside a node, the node's completion waits until subscribers have it.
	 * @param scope the current scope
	 * @param item the item
	 */
	public void broadcast(Scope scope, @Nullable Object item) {
		LiveRequest record = scope.record;
		Streaming message = new Streaming(this.sessionId, (record != null) ? record.id() : null,
				(record != null) ? record.node.identifier() : null, (record != null) ? record.nodeName : "session", item,
				Recorder.now());
		CompletableFuture<Void> delivered = this.publisher.publishTracked(message);
		if (record != null && !delivered.isDone()) {
			record.broadcastPending(delivered);
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

	// ---- ending runs and reading the record

	/**
	 * Cancels a running node (see {@link RunControl#cancel}).
	 * @param nodeId the node's id
	 * @return {@code true} when the node was running and is now cancelled, {@code false} when it had finished
	 * @throws IllegalArgumentException when the session has no such node
	 */
	public boolean cancel(String nodeId) {
		return this.runControl.cancel(nodeId);
	}

	/**
	 * Ends the requests still open under a request (see {@link RunControl#cancelCallsUnder}).
	 * @param ancestor the request whose calls end
	 * @param cause recorded as their failure
	 */
	void cancelCallsUnder(LiveRequest ancestor, Throwable cause) {
		this.runControl.cancelCallsUnder(ancestor, cause);
	}

	/**
	 * Cancels every run still in progress, and every request still running after its run's top-level node returned,
	 * then shuts down the coordinator's strategies.
	 */
	public void shutdown() {
		this.runControl.shutdown();
	}

	/**
	 * Whether the session is shut down.
	 * @return {@code true} once shut down
	 */
	public boolean isClosed() {
		return this.runControl.isClosed();
	}

	/**
	 * A snapshot of the whole execution (see {@link Snapshots}).
	 * @return the execution info
	 */
	public ExecutionInfo info() {
		return this.snapshots.take();
	}

	// ---- engine internals

	/**
	 * A node's outcome came back: the {@link Recorder} records and publishes it, then the failure policy applies to
	 * it. An inline child that a stack overflow left unrecorded is recorded as failed first.
	 */
	void finish(LiveRequest record, @Nullable Object result, @Nullable Throwable error) {
		LiveRequest unrecordedChild = record.unrecordedChild();
		if (unrecordedChild != null) {
			// Its inline call overflowed the stack so deep that not even the failure could be written there.
			// String.concat, not +: a concatenation's call site is linked the first time it runs, here on an
			// exhausted stack (see FreshStackFinish).
			finish(unrecordedChild, null, new StackOverflowError("Node '".concat(unrecordedChild.nodeName)
				.concat("' overflowed the stack before its outcome could be recorded")));
		}
		if (this.recorder.finish(record, result, error) && error != null) {
			this.runControl.failed(record, error);
		}
	}

	/**
	 * {@link #finish} on another thread, for a caller whose own stack is exhausted; does nothing when the request was
	 * recorded meanwhile.
	 */
	void finishOnFreshStack(LiveRequest record, @Nullable Object result, @Nullable Throwable error) {
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
				this.runControl.cancelRun(run, interrupted);
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
			// Node middleware hook: the node itself unless the session or the definition has middleware.
			return InterceptedNode.around(this, definition, node, args);
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

	/**
	 * Records a new request (see {@link Recorder}). A stack overflow while appending it records it as failed on a
	 * fresh stack; a request recorded while its run is ending records its own ending (the run's look for open
	 * requests may have missed it).
	 */
	LiveRequest record(@Nullable LiveRequest caller, Run run, Node<?> node, @Nullable Object[] args,
			long epochNanos) {
		return append(this.recorder.create(caller, run, node, args, epochNanos), -1);
	}

	/**
	 * Records a batch's child that a worker claimed (or the run's ending claimed) into the journal slot and with the
	 * step reserved for it, as {@link #record} records a call.
	 */
	LiveRequest recordClaimed(LiveRequest caller, Node<?> node, @Nullable Object[] args, int slot, long step,
			long epochNanos) {
		return append(this.recorder.createClaimed(caller, node, args, step, epochNanos), slot);
	}

	private LiveRequest append(LiveRequest record, int slot) {
		try {
			this.recorder.append(record, slot);
		}
		catch (StackOverflowError ex) {
			finishOnFreshStack(record, null, ex);
			throw ex;
		}
		Throwable ended = record.run.failure();
		if (ended != null) {
			this.recorder.closeAsFailed(record, ended, false);
		}
		return record;
	}

	/**
	 * Hands a recorded request to the strategy. A strategy that refuses it (rejection, or no native thread left)
	 * must not leave the request open forever: it is recorded as failed with the refusal, which also reaches the caller.
	 */
	private void startAsync(NodeTask task, LiveRequest record, CompletableFuture<Object> result) {
		try {
			this.coordinator.submit(task, ExecutionMode.ASYNC);
		}
		catch (RuntimeException | OutOfMemoryError ex) {
			this.recorder.closeAsFailed(record, ex, true);
			result.completeExceptionally(ex);
			throw ex;
		}
	}

	/** The calling node's record, refusing calls from a cancelled node, a cancelled run or a closed session. */
	private LiveRequest callerOf(Scope scope) {
		LiveRequest caller = scope.record;
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
		this.runControl.ensureOpen();
	}


}

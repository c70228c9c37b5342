package dev.railtracks;

import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.support.Ids;
import dev.railtracks.pubsub.RTPublisher;

/**
 * Runs node graphs: the entry point that sets up the session's engine (coordinator, RT state, publisher, logging and
 * context) and tears it down on {@link #close()}.
 *
 * <pre>{@code
 * try (Session session = new Session(ExecutorConfig.builder().timeout(Duration.ofSeconds(30)).build())) {
 *     Plan plan = session.call(planner, "plan a trip");      // the node's result, typed
 *     ExecutionInfo info = session.info();                  // the record of the session so far
 * }
 * }</pre>
 *
 * <p><b>Lifecycle.</b> The constructor initialises everything (config, logging, publisher, execution info,
 * coordinator, state, subscribers) and makes this session the current thread's session, so that
 * {@link Railtracks#call} and {@link Railtracks#context()} work in the creating thread before any node runs. Closing
 * cancels runs still in progress, delivers every published message, saves the state as JSON when
 * {@link ExecutorConfig#saveState()} is on (or, with an {@link ExecutorConfig#sessionWriter() writer}, queues it to be
 * saved in the background), shuts down the strategies, detaches the log file and clears the context.
 * Closing twice is harmless; using a closed session throws {@link IllegalStateException}.
 *
 * <p>What a run returns, {@link ExecutionInfo}, and the rest of the record live in {@code dev.railtracks.info}.
 *
 * <p>Several top-level runs may share a session, one after another or at the same time; each records its own
 * top-level request and gets its own timeout.
 */
public final class Session implements AutoCloseable {

	private final ExecutorConfig config;

	private final RailtracksContext context;

	private final Engine.SessionEngine engine;

	private final @Nullable String flowName;

	private final @Nullable String flowId;

	/**
	 * A session with {@link ExecutorConfig#defaults()} and an empty context.
	 */
	public Session() {
		this(ExecutorConfig.defaults(), Map.of());
	}

	/**
	 * A session with a configuration and an empty context.
	 * @param config the configuration
	 */
	public Session(ExecutorConfig config) {
		this(config, Map.of());
	}

	/**
	 * A session with a configuration and initial context variables.
	 * @param config the configuration
	 * @param context initial context variables, copied
	 * @throws java.io.UncheckedIOException when the configured log file cannot be opened
	 */
	public Session(ExecutorConfig config, Map<String, ?> context) {
		this(config, context, null, null);
	}

	/** A session started by a {@link Flow}, which names it in the saved envelope and file. */
	Session(ExecutorConfig config, Map<String, ?> context, @Nullable String flowName, @Nullable String flowId) {
		if (config == null) {
			throw new IllegalArgumentException("ExecutorConfig must not be null; use ExecutorConfig.defaults()");
		}
		this.config = config;
		this.flowName = flowName;
		this.flowId = flowId;
		String runIdentifier = config.runIdentifier();
		this.context = new RailtracksContext((runIdentifier != null) ? runIdentifier : Ids.newId(),
				(context != null) ? context : Map.of());
		this.engine = Engines.ENGINE.open(this, config, this.context);
		this.engine.started();
	}

	/**
	 * Runs a node as a new top-level request and returns when it has finished. With a {@link ExecutorConfig#timeout()
	 * timeout} the node runs on a thread of the execution strategy, and the timeout releases this thread at the
	 * deadline (plus at most 250 ms for the run to stop) whatever the node does with its interrupt; a node that goes on
	 * regardless is abandoned and its late result dropped. Without a timeout the node runs on this thread (no handoff),
	 * and a fatal failure or {@link #close()} interrupt it and record the run as ended at once; the call returns when
	 * the node stops. Interrupting this thread cancels the run.
	 * @param <O> the node's result type
	 * @param start the node
	 * @param args its arguments
	 * @return the execution state afterwards; {@link ExecutionInfo#answer()} holds the result, untyped: use
	 * {@link #call(NodeDefinition, Object...)} for the result as {@code O}
	 * @throws NodeCreationException when the arguments don't fit the node
	 * @throws GlobalTimeoutException when the timeout passes first
	 * @throws RuntimeException the node's own failure, unchanged when unchecked ({@link NodeInvocationException}
	 * around a checked one), or the fatal failure that ended the run
	 * @throws IllegalStateException when the session is closed
	 */
	public <O> ExecutionInfo runSync(NodeDefinition<O> start, @Nullable Object... args) {
		this.engine.runSync(start, args);
		return this.engine.info();
	}

	/**
	 * Runs a node class as a new top-level request and waits for it; see {@link #runSync(NodeDefinition, Object...)}.
	 * @param <O> the node's result type
	 * @param start the node class
	 * @param args its arguments
	 * @return the execution state afterwards
	 */
	public <O> ExecutionInfo runSync(Class<? extends Node<O>> start, @Nullable Object... args) {
		return runSync(NodeDefinition.of(start), args);
	}

	/**
	 * Starts a node as a new top-level request.
	 * @param <O> the node's result type
	 * @param start the node
	 * @param args its arguments
	 * @return completes with the execution state, or exceptionally with the node's failure, a
	 * {@link GlobalTimeoutException} or the fatal failure that ended the run; cancelling it cancels the run
	 * @throws NodeCreationException when the arguments don't fit the node
	 * @throws IllegalStateException when the session is closed
	 */
	public <O> CompletableFuture<ExecutionInfo> run(NodeDefinition<O> start, @Nullable Object... args) {
		CompletableFuture<O> result = this.engine.run(start, args);
		CompletableFuture<ExecutionInfo> info = result.thenApply((value) -> this.engine.info());
		info.whenComplete((value, error) -> {
			if (error instanceof CancellationException) {
				// Cancelling the returned future cancels the run behind it.
				result.cancel(true);
			}
		});
		return info;
	}

	/**
	 * Starts a node class as a new top-level request; see {@link #run(NodeDefinition, Object...)}.
	 * @param <O> the node's result type
	 * @param start the node class
	 * @param args its arguments
	 * @return completes with the execution state
	 */
	public <O> CompletableFuture<ExecutionInfo> run(Class<? extends Node<O>> start, @Nullable Object... args) {
		return run(NodeDefinition.of(start), args);
	}

	/**
	 * Runs a node as a new top-level request and returns its result, typed: the typed form of
	 * {@link #runSync(NodeDefinition, Object...)}, which it matches in everything else (timeout, failures,
	 * cancellation, what is recorded). The session's record stays available through {@link #info()}.
	 *
	 * <pre>{@code
	 * String greeting = session.call(greeter, "Ada");
	 * }</pre>
	 * @param <O> the node's result type
	 * @param start the node
	 * @param args its arguments
	 * @return the node's result
	 * @throws NodeCreationException when {@code start} is null or the arguments don't fit the node
	 * @throws GlobalTimeoutException when the timeout passes first
	 * @throws RuntimeException the node's own failure, unchanged when unchecked ({@link NodeInvocationException}
	 * around a checked one), or the fatal failure that ended the run
	 * @throws IllegalStateException when the session is closed
	 */
	public <O> O call(NodeDefinition<O> start, @Nullable Object... args) {
		return this.engine.runSync(start, args);
	}

	/**
	 * Runs a node class as a new top-level request and returns its result; see
	 * {@link #call(NodeDefinition, Object...)}.
	 * @param <O> the node's result type
	 * @param start the node class
	 * @param args its arguments
	 * @return the node's result
	 */
	public <O> O call(Class<? extends Node<O>> start, @Nullable Object... args) {
		return call(NodeDefinition.of(start), args);
	}

	/**
	 * Starts a node as a new top-level request; the typed form of {@link #run(NodeDefinition, Object...)}.
	 * @param <O> the node's result type
	 * @param start the node
	 * @param args its arguments
	 * @return completes with the node's result, or exceptionally as {@link #run(NodeDefinition, Object...)} does;
	 * cancelling it cancels the run
	 * @throws NodeCreationException when {@code start} is null or the arguments don't fit the node
	 * @throws IllegalStateException when the session is closed
	 */
	public <O> CompletableFuture<O> callAsync(NodeDefinition<O> start, @Nullable Object... args) {
		return this.engine.run(start, args);
	}

	/**
	 * A snapshot of the execution so far (after close: the final state).
	 * @return the execution info
	 */
	public ExecutionInfo info() {
		return this.engine.info();
	}

	/**
	 * The session's identifier: {@link ExecutorConfig#runIdentifier()} or a new UUID.
	 * @return the session id
	 */
	public String identifier() {
		return this.context.sessionId();
	}

	/**
	 * The session's identifier; the same as {@link #identifier()}, under the name that {@link Railtracks#sessionId()},
	 * {@link RailtracksContext#sessionId()} and the Spring events' {@code getSessionId()} use.
	 * @return the session id
	 */
	public String sessionId() {
		return identifier();
	}

	/**
	 * The session's name.
	 * @return {@link ExecutorConfig#sessionName()}, or {@code null}
	 */
	public @Nullable String name() {
		return this.config.sessionName();
	}

	/**
	 * The name of the {@link Flow} that started this session.
	 * @return {@link Flow#name()}, or {@code null} when no flow started it
	 */
	public @Nullable String flowName() {
		return this.flowName;
	}

	/**
	 * The id of the {@link Flow} that started this session.
	 * @return {@link Flow#id()}, or {@code null} when no flow started it
	 */
	public @Nullable String flowId() {
		return this.flowId;
	}

	/**
	 * The configuration.
	 * @return the executor config
	 */
	public ExecutorConfig config() {
		return this.config;
	}

	/**
	 * The session's context variables.
	 * @return the context
	 */
	public RailtracksContext context() {
		return this.context;
	}

	/**
	 * The session's message bus, to subscribe to; only the engine publishes.
	 * @return the register-only view of the publisher
	 */
	public RTPublisher publisher() {
		return this.engine.publisher();
	}

	/**
	 * Cancels a running node: its request is recorded as failed with a {@link CancellationException}, which its
	 * caller receives (an asynchronous caller at once), and the node can make no further calls. Cancelling a
	 * top-level node cancels its whole run. The node's thread is not interrupted, because it may be running its caller
	 * too.
	 * @param nodeId the node's id
	 * @return {@code true} when the node was running and is now cancelled, {@code false} when it had finished
	 * @throws IllegalArgumentException when the session has no such node
	 */
	public boolean cancel(String nodeId) {
		return this.engine.cancel(nodeId);
	}

	/**
	 * When the session started.
	 * @return epoch nanoseconds
	 */
	public long startNanos() {
		return this.engine.startNanos();
	}

	/**
	 * The saved-state document for the execution so far, as written on close.
	 * @return the JSON text
	 */
	public String payload() {
		return this.engine.payload();
	}

	/**
	 * Whether the session is closed.
	 * @return {@code true} once closed
	 */
	public boolean isClosed() {
		return this.engine.isClosed();
	}

	/**
	 * Same as {@link #close()}.
	 */
	public void shutdown() {
		close();
	}

	/**
	 * Cancels runs still in progress, delivers every published message, saves the state when configured (with a
	 * {@link ExecutorConfig#sessionWriter() writer}, queues it and returns before it is written: call
	 * {@link dev.railtracks.store.SessionWriter#flush()} before reading it), shuts down the strategies, detaches the
	 * log file and clears the context. Never throws because of saving: a failed save is logged.
	 */
	@Override
	public void close() {
		try {
			this.engine.close();
		}
		finally {
			this.context.close();
		}
	}


	@Override
	public String toString() {
		return "Session[" + identifier() + (isClosed() ? ", closed" : "") + "]";
	}

}

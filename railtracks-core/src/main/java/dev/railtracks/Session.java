package dev.railtracks;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import dev.railtracks.execution.Coordinator;
import dev.railtracks.logging.SessionEventLog;
import dev.railtracks.observation.RailtracksObservations;
import dev.railtracks.pubsub.RTPublisher;
import dev.railtracks.pubsub.Streaming;
import dev.railtracks.state.EpochClock;
import dev.railtracks.state.ExecutionInfo;
import dev.railtracks.state.Ids;
import dev.railtracks.state.RTState;
import dev.railtracks.state.Scope;
import dev.railtracks.state.StateJson;

/**
 * Runs node graphs: the entry point that sets up a {@link Coordinator}, an {@link RTState}, an {@link RTPublisher},
 * logging and the session's context, and tears them down on {@link #close()}.
 *
 * <pre>{@code
 * try (Session session = new Session(ExecutorConfig.builder().timeout(Duration.ofSeconds(30)).build())) {
 *     ExecutionInfo info = session.runSync(planner, "plan a trip");
 *     System.out.println(info.answer());
 * }
 * }</pre>
 *
 * <p><b>Lifecycle.</b> The constructor initialises everything (config, logging, publisher, execution info,
 * coordinator, state, subscribers) and makes this session the current thread's session, so that
 * {@link Railtracks#call} and {@link Railtracks#context()} work in the creating thread before any node runs. Closing
 * cancels runs still in progress, delivers every published message, saves the state as JSON when
 * {@link ExecutorConfig#saveState()} is on, shuts down the strategies, detaches the log file and clears the context.
 * Closing twice is harmless; using a closed session throws {@link IllegalStateException}.
 *
 * <p>Several top-level runs may share a session, one after another or at the same time; each records its own
 * top-level request and gets its own timeout.
 */
public final class Session implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Session.class);

	private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._()-]{0,99}");

	private final ExecutorConfig config;

	private final String identifier;

	private final long startNanos = EpochClock.nowNanos();

	private final SessionEventLog log;

	private final RTPublisher publisher;

	private final Coordinator coordinator;

	private final RailtracksContext context;

	private final RTState state;

	private final @Nullable Observation observation;

	private final Scope binding;

	private final AtomicBoolean closed = new AtomicBoolean();

	private volatile @Nullable ExecutionInfo finalInfo;

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
		if (config == null) {
			throw new IllegalArgumentException("ExecutorConfig must not be null; use ExecutorConfig.defaults()");
		}
		this.config = config;
		String runIdentifier = config.runIdentifier();
		this.identifier = (runIdentifier != null) ? runIdentifier : Ids.newId();
		this.log = new SessionEventLog(this.identifier, config.loggingSetting(), config.logFile());
		this.publisher = new RTPublisher(config.executionStrategy()::execute);
		this.coordinator = new Coordinator(config.executionStrategy());
		this.context = new RailtracksContext(this.identifier, (context != null) ? context : Map.of());
		RailtracksObservations observations = RailtracksObservations.of(config.observationRegistry(),
				config.nodeObservationConvention(), config.sessionObservationConvention());
		this.observation = (observations != null) ? observations.startSession(this.identifier, config.sessionName())
				: null;
		this.state = new RTState(this.identifier, config, this.coordinator, this.publisher, this.log, this.context,
				observations, this.observation);
		this.coordinator.start(this.publisher);
		setUpSubscriber(config);
		this.binding = this.state.bindToCurrentThread();
		this.log.log(Level.DEBUG, "Session " + this.identifier + " is initialized");
		for (SessionListener listener : config.sessionListeners()) {
			notify(listener, () -> listener.sessionStarted(this));
		}
	}

	/**
	 * Runs a node as a new top-level request and waits for it.
	 * @param <O> the node's result type
	 * @param start the node
	 * @param args its arguments
	 * @return the execution state afterwards; {@link ExecutionInfo#answer()} holds the result
	 * @throws NodeCreationException when the arguments don't fit the node
	 * @throws GlobalTimeoutException when the timeout passes first
	 * @throws RuntimeException the node's own failure, unchanged when unchecked ({@link NodeInvocationException}
	 * around a checked one), or the fatal failure that ended the run
	 * @throws IllegalStateException when the session is closed
	 */
	public <O> ExecutionInfo runSync(NodeDefinition<O> start, @Nullable Object... args) {
		this.state.callTopLevel(start, args);
		return this.state.info();
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
		CompletableFuture<O> result = this.state.start(start, args);
		CompletableFuture<ExecutionInfo> info = result.thenApply((value) -> this.state.info());
		info.whenComplete((value, error) -> {
			if (error instanceof java.util.concurrent.CancellationException) {
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
	 * A snapshot of the execution so far (after close: the final state).
	 * @return the execution info
	 */
	public ExecutionInfo info() {
		ExecutionInfo last = this.finalInfo;
		return (last != null) ? last : this.state.info();
	}

	/**
	 * The session's identifier: {@link ExecutorConfig#runIdentifier()} or a new UUID.
	 * @return the session id
	 */
	public String identifier() {
		return this.identifier;
	}

	/**
	 * The session's name.
	 * @return {@link ExecutorConfig#sessionName()}, or {@code null}
	 */
	public @Nullable String name() {
		return this.config.sessionName();
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
	 * The session's message bus; subscribe to follow the run.
	 * @return the publisher
	 */
	public RTPublisher publisher() {
		return this.publisher;
	}

	/**
	 * The session's coordinator.
	 * @return the coordinator
	 */
	public Coordinator coordinator() {
		return this.coordinator;
	}

	/**
	 * The session's engine state.
	 * @return the RT state
	 */
	public RTState state() {
		return this.state;
	}

	/**
	 * When the session started.
	 * @return epoch nanoseconds
	 */
	public long startNanos() {
		return this.startNanos;
	}

	/**
	 * The saved-state document for the execution so far, as written on close.
	 * @return the JSON text
	 */
	public String payload() {
		return StateJson.session(this.identifier, name(), this.startNanos, EpochClock.nowNanos(), info());
	}

	/**
	 * Whether the session is closed.
	 * @return {@code true} once closed
	 */
	public boolean isClosed() {
		return this.closed.get();
	}

	/**
	 * Same as {@link #close()}.
	 */
	public void shutdown() {
		close();
	}

	/**
	 * Cancels runs still in progress, delivers every published message, saves the state when configured, shuts down
	 * the strategies, detaches the log file and clears the context. Never throws because of saving: a failed save is
	 * logged.
	 */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		try {
			this.state.shutdown();
			this.publisher.close();
			ExecutionInfo info = this.state.info();
			this.finalInfo = info;
			if (this.config.saveState()) {
				saveState(info);
			}
			for (SessionListener listener : this.config.sessionListeners()) {
				notify(listener, () -> listener.sessionClosed(this, info));
			}
		}
		finally {
			this.log.close();
			this.binding.unbindSession();
			this.context.close();
			if (this.observation != null) {
				this.observation.stop();
			}
		}
	}

	/** Stops being the current thread's session, for a session used from other threads only. */
	void releaseThread() {
		this.binding.unbindSession();
	}

	/** The file this session saves its state to; see {@link #close()}. */
	Path stateFile(ExecutionInfo info) {
		String name = (this.config.sessionName() != null) ? this.config.sessionName() : info.name();
		String fileName = this.identifier + ".json";
		if (name != null) {
			if (SAFE_NAME.matcher(name).matches()) {
				fileName = name + "_" + fileName;
			}
			else {
				this.log.log(Level.WARN, "Session name '" + name + "' could not be included in the file name; "
						+ "falling back to using the unique identifier only");
			}
		}
		return this.config.stateDirectory().resolve(fileName);
	}

	private void saveState(ExecutionInfo info) {
		Path target = stateFile(info);
		try {
			Files.createDirectories(this.config.stateDirectory());
			Path temporary = Files.createTempFile(this.config.stateDirectory(), "." + this.identifier, ".json.tmp");
			try {
				try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
					StateJson.writeSession(out, this.identifier, name(), this.startNanos, EpochClock.nowNanos(), info);
				}
				move(temporary, target);
			}
			finally {
				Files.deleteIfExists(temporary);
			}
			this.log.log(Level.INFO, "Saving execution info to " + target);
		}
		catch (IOException | RuntimeException ex) {
			this.log.log(Level.ERROR, "Could not save the execution state to " + target + ": " + ex, ex);
			if (!this.config.loggingSetting().logs(Level.ERROR)) {
				logger.debug("Could not save the execution state of session {} to {}", this.identifier, target, ex);
			}
		}
	}

	private static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private void setUpSubscriber(ExecutorConfig config) {
		java.util.function.Consumer<Object> subscriber = config.subscriber();
		if (subscriber != null) {
			this.publisher.subscribe((message) -> {
				if (message instanceof Streaming streaming) {
					subscriber.accept(streaming.item());
				}
			}, "Streaming Subscriber");
		}
		if (config.loggingSetting() == LoggingSetting.VERBOSE) {
			this.publisher.subscribeSynchronous((message) -> this.log.log(Level.DEBUG, message.logMessage()),
					"Session Logger");
		}
	}

	private void notify(SessionListener listener, Runnable notification) {
		try {
			notification.run();
		}
		catch (RuntimeException ex) {
			logger.warn("Session listener {} failed for session {}; ignored", listener, this.identifier, ex);
		}
	}

	@Override
	public String toString() {
		return "Session[" + this.identifier + (isClosed() ? ", closed" : "") + "]";
	}

}

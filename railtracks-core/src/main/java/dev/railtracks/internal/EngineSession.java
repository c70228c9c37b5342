package dev.railtracks.internal;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import dev.railtracks.Engine;
import dev.railtracks.ExecutorConfig;
import dev.railtracks.LoggingSetting;
import dev.railtracks.NodeDefinition;
import dev.railtracks.RailtracksContext;
import dev.railtracks.Session;
import dev.railtracks.SessionListener;
import dev.railtracks.support.EpochClock;
import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.info.SessionDocument;
import dev.railtracks.pubsub.RTPublisher;
import dev.railtracks.pubsub.Streaming;
import dev.railtracks.store.SaveReport;
import dev.railtracks.store.SavedSession;
import dev.railtracks.store.SessionStore;
import dev.railtracks.store.SessionWriter;

/**
 * The composition of one session's engine, in the order of the design's lifecycle: event log, publisher,
 * coordinator, context, observation, {@link RTState}, subscribers, the current thread's binding; and its teardown
 * on close: cancel what still runs, deliver every message, freeze the record, save it (or queue it on the
 * {@link SessionWriter}), tell listeners, release.
 */
final class EngineSession implements Engine.SessionEngine, SaveReport {

	private static final Logger logger = LoggerFactory.getLogger(Session.class);

	private final Session owner;

	private final ExecutorConfig config;

	private final String identifier;

	private final long startNanos = EpochClock.nowNanos();

	private final SessionEventLog log;

	private final MessageBus publisher;

	private final Coordinator coordinator;

	private final RailtracksContext context;

	private final RTState state;

	private final @Nullable Observation observation;

	private final Scope binding;

	private final AtomicBoolean closed = new AtomicBoolean();

	/** Released when the first close has finished, so that a close on another thread returns only after it. */
	private final CountDownLatch closeDone = new CountDownLatch(1);

	private volatile @Nullable Thread closingThread;

	private volatile @Nullable ExecutionInfo finalInfo;

	EngineSession(Session owner, ExecutorConfig config, RailtracksContext context) {
		this.owner = owner;
		this.config = config;
		this.identifier = context.sessionId();
		this.log = new SessionEventLog(this.identifier, config.loggingSetting(), config.logFile(),
				config.maxLogLength());
		this.publisher = new MessageBus(config.executionStrategy()::execute,
				(message, error) -> this.log.log(Level.WARN, message, error));
		this.coordinator = new Coordinator(config.executionStrategy());
		this.context = context;
		RailtracksObservations observations = RailtracksObservations.of(config.observationRegistry(),
				config.nodeObservationConvention(), config.sessionObservationConvention());
		this.observation = (observations != null) ? observations.startSession(this.identifier, config.sessionName(),
				owner.flowName()) : null;
		this.state = new RTState(this.identifier, config, this.coordinator, this.publisher, this.log, this.context,
				observations, this.observation);
		setUpSubscriber(config);
		this.binding = this.state.bindToCurrentThread();
		this.log.log(Level.DEBUG, "Session " + this.identifier + " is initialized");
	}

	@Override
	public long startNanos() {
		return this.startNanos;
	}

	@Override
	public void started() {
		for (SessionListener listener : this.config.sessionListeners()) {
			notify(listener, () -> listener.sessionStarted(this.owner));
		}
	}

	@Override
	public <O> O runSync(NodeDefinition<O> start, @Nullable Object[] args) {
		return this.state.callTopLevel(start, args);
	}

	@Override
	public <O> CompletableFuture<O> run(NodeDefinition<O> start, @Nullable Object[] args) {
		return this.state.start(start, args);
	}

	@Override
	public ExecutionInfo info() {
		ExecutionInfo last = this.finalInfo;
		return (last != null) ? last : this.state.info();
	}

	@Override
	public RTPublisher publisher() {
		return this.publisher;
	}

	@Override
	public boolean cancel(String nodeId) {
		return this.state.cancel(nodeId);
	}

	@Override
	public String payload() {
		return document(info()).toJson();
	}

	@Override
	public boolean isClosed() {
		return this.closed.get();
	}

	@Override
	public void releaseThread() {
		this.binding.unbindSession();
	}

	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			awaitFirstClose();
			return;
		}
		this.closingThread = Thread.currentThread();
		try {
			this.state.shutdown();
			this.publisher.close();
			ExecutionInfo info = this.state.info();
			this.finalInfo = info;
			if (this.config.saveState()) {
				saveState(info);
			}
			for (SessionListener listener : this.config.sessionListeners()) {
				notify(listener, () -> listener.sessionClosed(this.owner, info));
			}
		}
		finally {
			try {
				this.log.close();
				this.binding.unbindSession();
				if (this.observation != null) {
					this.observation.stop();
				}
			}
			finally {
				// Whatever failed above, a close waiting on another thread must not wait forever.
				this.closingThread = null;
				this.closeDone.countDown();
			}
		}
	}

	/**
	 * A second close (the application shutting down while the request thread closes its own session) waits until the
	 * state is saved and listeners are told; it still unbinds its own thread. A close from inside the first one (a
	 * listener closing the session again) returns at once.
	 */
	private void awaitFirstClose() {
		this.binding.unbindSession();
		if (this.closingThread == Thread.currentThread()) {
			return;
		}
		try {
			this.closeDone.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private SessionDocument document(ExecutionInfo info) {
		return new SessionDocument(this.owner.flowName(), this.owner.flowId(), this.identifier,
				this.config.sessionName(), this.startNanos, EpochClock.nowNanos(), info);
	}

	private void saveState(ExecutionInfo info) {
		SessionDocument document = document(info);
		SessionStore store = this.config.sessionStore();
		SessionWriter writer = this.config.sessionWriter();
		if (writer != null) {
			writer.submit(store, document, this);
		}
		else {
			SaveReport.saveNow(store, document, this);
		}
	}

	/** Logged on the session's log; after a background save its log file is closed, so only SLF4J gets it. */
	@Override
	public void saved(SavedSession saved) {
		for (String warning : saved.warnings()) {
			this.log.log(Level.WARN, warning);
		}
		this.log.log(Level.INFO, "Saving execution info to " + saved.location());
	}

	@Override
	public void failed(SessionStore store, Exception error) {
		this.log.log(Level.ERROR, "Could not save the execution state to " + store + ": " + error, error);
		if (!this.config.loggingSetting().logs(Level.ERROR)) {
			logger.debug("Could not save the execution state of session {} to {}", this.identifier, store, error);
		}
	}

	private void setUpSubscriber(ExecutorConfig config) {
		Consumer<Object> subscriber = config.subscriber();
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

}

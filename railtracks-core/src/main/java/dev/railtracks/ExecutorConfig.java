package dev.railtracks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import dev.railtracks.execution.ExecutionStrategy;
import dev.railtracks.observation.ModelCallObservationConvention;
import dev.railtracks.observation.NodeObservationConvention;
import dev.railtracks.observation.SessionObservationConvention;
import dev.railtracks.store.FileSessionStore;
import dev.railtracks.store.SessionIds;
import dev.railtracks.store.SessionStore;
import dev.railtracks.store.SessionWriter;

/**
 * How a {@link Session} runs: timeout, error policy, logging, streaming subscriber, identifier, saved state and
 * execution strategy. Immutable; build one with {@link #builder()} or start from {@link #defaults()}. Every builder
 * method validates its value at once and names it in the exception.
 *
 * <pre>{@code
 * ExecutorConfig config = ExecutorConfig.builder()
 *     .timeout(Duration.ofSeconds(30))
 *     .endOnError(true)
 *     .loggingSetting(LoggingSetting.QUIET)
 *     .subscriber(item -> System.out.println("streamed " + item))
 *     .build();
 * }</pre>
 */
public final class ExecutorConfig {

	/** The default timeout of a top-level call, as in the design document. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(150);

	/**
	 * Where sessions save their state when no {@code .railtracks} directory is found and {@code RAILTRACKS_HOME} is
	 * unset (relative to the working directory); see {@link RailtracksHome}.
	 */
	public static final Path DEFAULT_STATE_DIRECTORY = Path.of(".railtracks", "data", "sessions");

	/**
	 * The {@link #timeoutSetting()} of a timeout set in code with {@link Builder#timeout(Duration)}, or left at its
	 * default.
	 */
	public static final String TIMEOUT_BUILDER_METHOD = "ExecutorConfig.Builder.timeout(Duration)";

	/** The default {@link #maxLogLength()}: a line a person still reads whole. */
	public static final int DEFAULT_MAX_LOG_LENGTH = 1000;

	/** The shortest {@link #maxLogLength()}: room for a node's name and what happened to it. */
	public static final int MIN_LOG_LENGTH = 40;

	/** The longest timeout that can be scheduled: the timer counts in nanoseconds. */
	public static final Duration MAX_TIMEOUT = Duration.ofNanos(Long.MAX_VALUE);


	private static final ExecutorConfig DEFAULTS = new Builder().build();

	/**
	 * Whether a text can be a session identifier ({@link Builder#runIdentifier(String)}), which also names the saved
	 * file: 1 to 128 letters, digits, {@code .}, {@code _} or {@code -}, starting with a letter or digit.
	 * @param identifier the candidate
	 * @return {@code true} when it is safe as an identifier and a file name
	 */
	public static boolean isRunIdentifier(String identifier) {
		// One shape for run and session ids: the session id is the run identifier, and names the saved session.
		return SessionIds.isValid(identifier);
	}

	private final @Nullable Duration timeout;

	private final String timeoutSetting;

	private final boolean endOnError;

	private final LoggingSetting loggingSetting;

	private final @Nullable Path logFile;

	private final int maxLogLength;

	private final @Nullable Consumer<Object> subscriber;

	private final @Nullable String runIdentifier;

	private final @Nullable String sessionName;

	private final boolean promptInjection;

	private final boolean saveState;

	private final @Nullable Path stateDirectory;

	private final @Nullable SessionStore sessionStore;

	private final @Nullable SessionWriter sessionWriter;

	private final ExecutionStrategy executionStrategy;

	private final boolean inlineSynchronousCalls;

	private final ObservationRegistry observationRegistry;

	private final @Nullable NodeObservationConvention nodeObservationConvention;

	private final @Nullable SessionObservationConvention sessionObservationConvention;

	private final @Nullable ModelCallObservationConvention modelCallObservationConvention;

	private final List<SessionListener> sessionListeners;

	private final List<NodeMiddleware> nodeMiddleware;

	private final HumanRequests humanRequests;

	private ExecutorConfig(Builder builder) {
		this.timeout = builder.timeout;
		this.timeoutSetting = builder.timeoutSetting;
		this.endOnError = builder.endOnError;
		this.loggingSetting = builder.loggingSetting;
		this.logFile = builder.logFile;
		this.maxLogLength = builder.maxLogLength;
		this.subscriber = builder.subscriber;
		this.runIdentifier = builder.runIdentifier;
		this.sessionName = builder.sessionName;
		this.promptInjection = builder.promptInjection;
		this.saveState = builder.saveState;
		this.stateDirectory = builder.stateDirectory;
		this.sessionStore = builder.sessionStore;
		this.sessionWriter = builder.sessionWriter;
		this.executionStrategy = builder.executionStrategy;
		this.inlineSynchronousCalls = builder.inlineSynchronousCalls;
		this.observationRegistry = builder.observationRegistry;
		this.nodeObservationConvention = builder.nodeObservationConvention;
		this.sessionObservationConvention = builder.sessionObservationConvention;
		this.modelCallObservationConvention = builder.modelCallObservationConvention;
		this.sessionListeners = List.copyOf(builder.sessionListeners);
		this.nodeMiddleware = List.copyOf(builder.nodeMiddleware);
		this.humanRequests = builder.humanRequests;
	}

	/**
	 * The defaults: 150 s timeout, no end on error, {@link LoggingSetting#REGULAR}, no log file, no subscriber, a new
	 * identifier per session, prompt injection on, state saved under the {@link RailtracksHome} directory, automatic
	 * execution strategy (virtual threads on Java 21+).
	 * @return the default configuration
	 */
	public static ExecutorConfig defaults() {
		return DEFAULTS;
	}

	/**
	 * A builder starting from the defaults.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * A builder starting from this configuration.
	 * @return a new builder with this configuration's values
	 */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * Maximum time a top-level call may take; {@code null} means no limit. With a limit, {@link Session#runSync} runs
	 * its node on a thread of the {@link #executionStrategy()}, so that the limit can release the caller whatever the
	 * node does; without one, on the calling thread.
	 * @return the timeout, or {@code null}
	 */
	public @Nullable Duration timeout() {
		return this.timeout;
	}

	/**
	 * Where the timeout is set, as the timeout's message and log line name it when they advise raising it: a builder
	 * method such as {@value #TIMEOUT_BUILDER_METHOD}, or a configuration property such as {@code railtracks.timeout}.
	 * @return the setting's name
	 */
	public String timeoutSetting() {
		return this.timeoutSetting;
	}

	/**
	 * Whether the first node failure anywhere ends the whole run.
	 * @return {@code true} to end on the first error
	 */
	public boolean endOnError() {
		return this.endOnError;
	}

	/**
	 * Which engine events are logged.
	 * @return the logging setting
	 */
	public LoggingSetting loggingSetting() {
		return this.loggingSetting;
	}

	/**
	 * File that receives this session's event log as text lines, or {@code null}.
	 * @return the log file
	 */
	public @Nullable Path logFile() {
		return this.logFile;
	}

	/**
	 * Longest text of one logged engine event, in characters; longer text (in practice the node inputs, results and
	 * error messages in it) is cut there and marked with its full length. Stack traces are left to the logging backend.
	 * @return the maximum length
	 */
	public int maxLogLength() {
		return this.maxLogLength;
	}

	/**
	 * Receives every item a node {@link Railtracks#broadcast broadcasts}, or {@code null}.
	 * @return the streaming subscriber
	 */
	public @Nullable Consumer<Object> subscriber() {
		return this.subscriber;
	}

	/**
	 * The session identifier to use, or {@code null} for a new UUID per session.
	 * @return the run identifier
	 */
	public @Nullable String runIdentifier() {
		return this.runIdentifier;
	}

	/**
	 * The session's name, used in the saved file name, or {@code null}.
	 * @return the session name
	 */
	public @Nullable String sessionName() {
		return this.sessionName;
	}

	/**
	 * Whether LLM nodes fill {@code {placeholders}} in prompts from the session context. The core engine has no LLM
	 * nodes; the setting is carried for the node libraries that read it.
	 * @return {@code true} when prompt injection is on
	 */
	public boolean promptInjection() {
		return this.promptInjection;
	}

	/**
	 * Whether the session writes its execution state as JSON when it closes.
	 * @return {@code true} to save state
	 */
	public boolean saveState() {
		return this.saveState;
	}

	/**
	 * Directory of the saved state files: the one {@link Builder#stateDirectory} named, else {@code data/sessions}
	 * in the {@code .railtracks} directory {@link RailtracksHome#resolve()} finds now.
	 * @return the state directory
	 */
	public Path stateDirectory() {
		Path configured = this.stateDirectory;
		return (configured != null) ? configured : RailtracksHome.sessionsDirectory(RailtracksHome.resolve());
	}

	/**
	 * Where a closed session's document goes: the store {@link Builder#sessionStore} set, else a
	 * {@link FileSessionStore} writing to {@link #stateDirectory()} as it is resolved at each save.
	 * @return the store
	 */
	public SessionStore sessionStore() {
		SessionStore configured = this.sessionStore;
		return (configured != null) ? configured : new FileSessionStore(this::stateDirectory);
	}

	/**
	 * The writer that saves closed sessions in the background, if {@link Builder#sessionWriter} set one.
	 * @return the writer, or {@code null} when a session saves on the thread that closes it
	 */
	public @Nullable SessionWriter sessionWriter() {
		return this.sessionWriter;
	}

	/**
	 * The state directory {@link Builder#stateDirectory} named.
	 * @return the directory, or {@code null} when it is found through {@link RailtracksHome}
	 */
	public @Nullable Path configuredStateDirectory() {
		return this.stateDirectory;
	}

	/**
	 * How asynchronous and parallel node calls get their threads.
	 * @return the execution strategy
	 */
	public ExecutionStrategy executionStrategy() {
		return this.executionStrategy;
	}

	/**
	 * Whether a synchronous {@link Railtracks#call call} runs the child on the caller's own thread (the cheapest
	 * handoff). When off, every call is handed to the execution strategy.
	 * @return {@code true} when synchronous calls run inline
	 */
	public boolean inlineSynchronousCalls() {
		return this.inlineSynchronousCalls;
	}

	/**
	 * Registry that receives {@code railtracks.session} and {@code railtracks.node} observations.
	 * @return the registry, {@link ObservationRegistry#NOOP} by default
	 */
	public ObservationRegistry observationRegistry() {
		return this.observationRegistry;
	}

	/**
	 * Replaces the default naming and tagging of node observations, or {@code null}.
	 * @return the custom node convention
	 */
	public @Nullable NodeObservationConvention nodeObservationConvention() {
		return this.nodeObservationConvention;
	}

	/**
	 * Replaces the default naming and tagging of session observations, or {@code null}.
	 * @return the custom session convention
	 */
	public @Nullable SessionObservationConvention sessionObservationConvention() {
		return this.sessionObservationConvention;
	}

	/**
	 * Replaces the default naming and tagging of agents' model call observations, or {@code null}.
	 * @return the custom model call convention
	 */
	public @Nullable ModelCallObservationConvention modelCallObservationConvention() {
		return this.modelCallObservationConvention;
	}

	/**
	 * Listeners told when sessions start and close.
	 * @return the listeners, in order
	 */
	public List<SessionListener> sessionListeners() {
		return this.sessionListeners;
	}

	/**
	 * Middleware around every node call of the session, outside each definition's own; see {@link NodeMiddleware}.
	 * @return the middleware, outermost first; empty when none
	 */
	public List<NodeMiddleware> nodeMiddleware() {
		return this.nodeMiddleware;
	}

	/**
	 * Where the session's questions for a person are listed and answered.
	 * @return the registry ({@link HumanRequests#shared()} unless set)
	 */
	public HumanRequests humanRequests() {
		return this.humanRequests;
	}

	@Override
	public String toString() {
		return "ExecutorConfig[timeout=" + this.timeout + ", timeoutSetting=" + this.timeoutSetting + ", endOnError=" + this.endOnError + ", loggingSetting="
				+ this.loggingSetting + ", logFile=" + this.logFile + ", maxLogLength=" + this.maxLogLength + ", subscriber=" + (this.subscriber != null)
				+ ", runIdentifier=" + this.runIdentifier + ", sessionName=" + this.sessionName + ", promptInjection="
				+ this.promptInjection + ", saveState=" + this.saveState + ", stateDirectory="
				+ ((this.stateDirectory != null) ? this.stateDirectory : "(" + RailtracksHome.DIRECTORY_NAME + " home)")
				+ ((this.sessionStore != null) ? ", sessionStore=" + this.sessionStore.getClass().getName() : "")
				+ ", saving=" + ((this.sessionWriter != null) ? "background" : "on close")
				+ ", executionStrategy=" + this.executionStrategy.name() + ", inlineSynchronousCalls="
				+ this.inlineSynchronousCalls + ", nodeMiddleware=" + this.nodeMiddleware
				+ ", modelCallObservationConvention=" + this.modelCallObservationConvention + "]";
	}

	/**
	 * Builds an {@link ExecutorConfig}. Each method validates its argument immediately.
	 */
	public static final class Builder {

		private @Nullable Duration timeout = DEFAULT_TIMEOUT;

		private String timeoutSetting = TIMEOUT_BUILDER_METHOD;

		private boolean endOnError;

		private LoggingSetting loggingSetting = LoggingSetting.REGULAR;

		private @Nullable Path logFile;

		private int maxLogLength = DEFAULT_MAX_LOG_LENGTH;

		private @Nullable Consumer<Object> subscriber;

		private @Nullable String runIdentifier;

		private @Nullable String sessionName;

		private boolean promptInjection = true;

		private boolean saveState = true;

		private @Nullable Path stateDirectory;

		private @Nullable SessionStore sessionStore;

		private @Nullable SessionWriter sessionWriter;

		private ExecutionStrategy executionStrategy = ExecutionStrategy.auto();

		private boolean inlineSynchronousCalls = true;

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private @Nullable NodeObservationConvention nodeObservationConvention;

		private @Nullable SessionObservationConvention sessionObservationConvention;

		private @Nullable ModelCallObservationConvention modelCallObservationConvention;

		private final List<SessionListener> sessionListeners = new ArrayList<>();

		private final List<NodeMiddleware> nodeMiddleware = new ArrayList<>();

		private HumanRequests humanRequests = HumanRequests.shared();

		private Builder() {
		}

		private Builder(ExecutorConfig config) {
			this.timeout = config.timeout;
			this.timeoutSetting = config.timeoutSetting;
			this.endOnError = config.endOnError;
			this.loggingSetting = config.loggingSetting;
			this.logFile = config.logFile;
			this.maxLogLength = config.maxLogLength;
			this.subscriber = config.subscriber;
			this.runIdentifier = config.runIdentifier;
			this.sessionName = config.sessionName;
			this.promptInjection = config.promptInjection;
			this.saveState = config.saveState;
			this.stateDirectory = config.stateDirectory;
			this.sessionStore = config.sessionStore;
			this.sessionWriter = config.sessionWriter;
			this.executionStrategy = config.executionStrategy;
			this.inlineSynchronousCalls = config.inlineSynchronousCalls;
			this.observationRegistry = config.observationRegistry;
			this.nodeObservationConvention = config.nodeObservationConvention;
			this.sessionObservationConvention = config.sessionObservationConvention;
			this.modelCallObservationConvention = config.modelCallObservationConvention;
			this.sessionListeners.addAll(config.sessionListeners);
			this.nodeMiddleware.addAll(config.nodeMiddleware);
			this.humanRequests = config.humanRequests;
		}

		/**
		 * Maximum time a top-level call may take before it fails with {@link GlobalTimeoutException}; its caller is
		 * released then, whatever the running nodes do.
		 * @param timeout a positive duration, or {@code null} for no limit
		 * @return this builder
		 * @throws IllegalArgumentException when zero, negative or longer than about 292 years
		 */
		public Builder timeout(@Nullable Duration timeout) {
			return timeout(timeout, TIMEOUT_BUILDER_METHOD);
		}

		/**
		 * {@link #timeout(Duration)}, naming where the user sets it, so that the timeout's message and log line tell
		 * them what to raise: how a framework that reads the timeout from its own configuration passes it on.
		 * @param timeout a positive duration, or {@code null} for no limit
		 * @param setting what the user sets, such as the property {@code railtracks.timeout}; see
		 * {@link ExecutorConfig#timeoutSetting()}
		 * @return this builder
		 * @throws IllegalArgumentException when the timeout is zero, negative or longer than about 292 years, or the
		 * setting is blank
		 */
		public Builder timeout(@Nullable Duration timeout, String setting) {
			if (setting == null || setting.isBlank()) {
				throw new IllegalArgumentException("The timeout's setting must name what sets it, but was '" + setting
						+ "'");
			}
			if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
				throw new IllegalArgumentException(
						"timeout must be positive but was " + timeout + "; use noTimeout() for no limit");
			}
			if (timeout != null && timeout.compareTo(MAX_TIMEOUT) > 0) {
				throw new IllegalArgumentException("timeout must be at most " + MAX_TIMEOUT + " (the longest delay "
						+ "that can be scheduled) but was " + timeout + "; use noTimeout() for no limit");
			}
			this.timeout = timeout;
			this.timeoutSetting = setting;
			return this;
		}

		/**
		 * Removes the time limit of top-level calls.
		 * @return this builder
		 */
		public Builder noTimeout() {
			this.timeout = null;
			return this;
		}

		/**
		 * Whether the first node failure anywhere ends the whole run.
		 * @param endOnError {@code true} to end on the first error
		 * @return this builder
		 */
		public Builder endOnError(boolean endOnError) {
			this.endOnError = endOnError;
			return this;
		}

		/**
		 * Which engine events are logged.
		 * @param loggingSetting the setting
		 * @return this builder
		 */
		public Builder loggingSetting(LoggingSetting loggingSetting) {
			this.loggingSetting = required(loggingSetting, "loggingSetting");
			return this;
		}

		/**
		 * Longest text of one logged engine event; longer text is cut and marked with its full length.
		 * @param maxLogLength characters, at least {@value ExecutorConfig#MIN_LOG_LENGTH}
		 * @return this builder
		 * @throws IllegalArgumentException when shorter than {@value ExecutorConfig#MIN_LOG_LENGTH}
		 */
		public Builder maxLogLength(int maxLogLength) {
			if (maxLogLength < MIN_LOG_LENGTH) {
				throw new IllegalArgumentException(
						"maxLogLength must be at least " + MIN_LOG_LENGTH + " but was " + maxLogLength);
			}
			this.maxLogLength = maxLogLength;
			return this;
		}

		/**
		 * File that receives this session's event log; created or appended to.
		 * @param logFile a file path, or {@code null} for none
		 * @return this builder
		 * @throws IllegalArgumentException when the path is an existing directory
		 */
		public Builder logFile(@Nullable Path logFile) {
			if (logFile != null && java.nio.file.Files.isDirectory(logFile)) {
				throw new IllegalArgumentException("logFile must be a file but " + logFile + " is a directory");
			}
			this.logFile = logFile;
			return this;
		}

		/**
		 * Receives every broadcast item, on the session's delivery thread, in publication order.
		 * @param subscriber the subscriber, or {@code null} for none
		 * @return this builder
		 */
		public Builder subscriber(@Nullable Consumer<Object> subscriber) {
			this.subscriber = subscriber;
			return this;
		}

		/**
		 * A fixed session identifier (also the saved file's name); by default each session gets a new UUID.
		 * @param runIdentifier letters, digits, '.', '_' or '-' (at most 128, starting with a letter or digit), or
		 * {@code null}
		 * @return this builder
		 * @throws IllegalArgumentException when the identifier is not safe as a file name
		 */
		public Builder runIdentifier(@Nullable String runIdentifier) {
			if (runIdentifier != null && !isRunIdentifier(runIdentifier)) {
				throw new IllegalArgumentException("runIdentifier must be 1-128 letters, digits, '.', '_' or '-' "
						+ "starting with a letter or digit, but was '" + runIdentifier + "'");
			}
			this.runIdentifier = runIdentifier;
			return this;
		}

		/**
		 * The session's name, used in the saved file name ({@code {name}_{id}.json}).
		 * @param sessionName the name, or {@code null}
		 * @return this builder
		 */
		public Builder sessionName(@Nullable String sessionName) {
			this.sessionName = sessionName;
			return this;
		}

		/**
		 * Whether LLM nodes fill prompt placeholders from the session context.
		 * @param promptInjection {@code true} to inject
		 * @return this builder
		 */
		public Builder promptInjection(boolean promptInjection) {
			this.promptInjection = promptInjection;
			return this;
		}

		/**
		 * Whether the session writes its state as JSON on close.
		 * @param saveState {@code true} to save
		 * @return this builder
		 */
		public Builder saveState(boolean saveState) {
			this.saveState = saveState;
			return this;
		}

		/**
		 * Directory of the saved state files; created when needed. Without it, sessions save under
		 * {@code data/sessions} in the {@code .railtracks} directory that {@link RailtracksHome} finds.
		 * @param stateDirectory the directory
		 * @return this builder
		 * @throws IllegalArgumentException when the path is an existing regular file
		 */
		public Builder stateDirectory(Path stateDirectory) {
			required(stateDirectory, "stateDirectory");
			if (java.nio.file.Files.isRegularFile(stateDirectory)) {
				throw new IllegalArgumentException(
						"stateDirectory must be a directory but " + stateDirectory + " is a file");
			}
			this.stateDirectory = stateDirectory;
			return this;
		}

		/**
		 * Where closed sessions' documents go, instead of the files in {@link #stateDirectory(Path)}.
		 * @param sessionStore the store
		 * @return this builder
		 */
		public Builder sessionStore(SessionStore sessionStore) {
			this.sessionStore = required(sessionStore, "sessionStore");
			return this;
		}

		/**
		 * Saves closed sessions in the background on this writer, so that {@link Session#close()} returns before the
		 * document is written; call {@link SessionWriter#flush()} before reading a record right after closing its
		 * session. Without a writer, a session saves on the thread that closes it. The writer is shared: close it
		 * when the application ends (a JVM shutdown hook does too).
		 * @param sessionWriter the writer
		 * @return this builder
		 */
		public Builder sessionWriter(SessionWriter sessionWriter) {
			this.sessionWriter = required(sessionWriter, "sessionWriter");
			return this;
		}

		/**
		 * How asynchronous and parallel calls get their threads.
		 * @param executionStrategy the strategy
		 * @return this builder
		 */
		public Builder executionStrategy(ExecutionStrategy executionStrategy) {
			this.executionStrategy = required(executionStrategy, "executionStrategy");
			return this;
		}

		/**
		 * Whether synchronous calls run the child on the caller's thread.
		 * @param inlineSynchronousCalls {@code true} to run inline
		 * @return this builder
		 */
		public Builder inlineSynchronousCalls(boolean inlineSynchronousCalls) {
			this.inlineSynchronousCalls = inlineSynchronousCalls;
			return this;
		}

		/**
		 * Registry that receives the session's observations.
		 * @param observationRegistry the registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = required(observationRegistry, "observationRegistry");
			return this;
		}

		/**
		 * Custom naming and tagging of node observations.
		 * @param convention the convention, or {@code null} for the default
		 * @return this builder
		 */
		public Builder nodeObservationConvention(@Nullable NodeObservationConvention convention) {
			this.nodeObservationConvention = convention;
			return this;
		}

		/**
		 * Custom naming and tagging of session observations.
		 * @param convention the convention, or {@code null} for the default
		 * @return this builder
		 */
		public Builder sessionObservationConvention(@Nullable SessionObservationConvention convention) {
			this.sessionObservationConvention = convention;
			return this;
		}

		/**
		 * Custom naming and tagging of agents' model call observations ({@code railtracks.model.call}).
		 * @param convention the convention, or {@code null} for the default
		 * @return this builder
		 */
		public Builder modelCallObservationConvention(@Nullable ModelCallObservationConvention convention) {
			this.modelCallObservationConvention = convention;
			return this;
		}

		/**
		 * Adds a listener told when sessions start and close.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder addSessionListener(SessionListener listener) {
			this.sessionListeners.add(required(listener, "sessionListener"));
			return this;
		}

		/**
		 * Adds middleware around every node call of the session, inside the middleware added before it and outside
		 * each definition's own; see {@link NodeMiddleware}.
		 * @param middleware the middleware
		 * @return this builder
		 * @throws IllegalArgumentException when {@code null} or already added (the same instance)
		 */
		public Builder addNodeMiddleware(NodeMiddleware middleware) {
			required(middleware, "nodeMiddleware");
			for (NodeMiddleware added : this.nodeMiddleware) {
				if (added == middleware) {
					throw new IllegalArgumentException("Node middleware " + middleware
							+ " is already added to the session: configure each instance once");
				}
			}
			this.nodeMiddleware.add(middleware);
			return this;
		}

		/**
		 * Where the session's questions for a person ({@link Railtracks#askHuman}, approvals) are listed and answered.
		 * @param humanRequests the registry; by default {@link HumanRequests#shared()}
		 * @return this builder
		 */
		public Builder humanRequests(HumanRequests humanRequests) {
			this.humanRequests = required(humanRequests, "humanRequests");
			return this;
		}

		/**
		 * Builds the configuration.
		 * @return a new immutable configuration
		 */
		public ExecutorConfig build() {
			return new ExecutorConfig(this);
		}

		private static <T> T required(@Nullable T value, String name) {
			if (value == null) {
				throw new IllegalArgumentException(name + " must not be null");
			}
			return value;
		}

	}

}

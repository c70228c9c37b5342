package dev.railtracks.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.unit.DataSize;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.LoggingSetting;

/**
 * Configuration properties for Railtracks sessions, bound from {@code railtracks.*}. Each property maps to the
 * {@link dev.railtracks.ExecutorConfig} field of the same name.
 *
 * <p>The values are checked once bound, so that a bad one fails startup with Spring Boot's failure analysis naming the
 * property, its value and the reason (see {@link PropertyCheck}), before any session is configured.
 */
@ConfigurationProperties("railtracks")
public class RailtracksProperties implements InitializingBean {

	/**
	 * Maximum time a top-level call may take before it fails. If a duration suffix is not specified, seconds will be
	 * used.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration timeout = Duration.ofSeconds(150);

	/**
	 * Whether top-level calls are limited by the timeout. Set to false for no time limit.
	 */
	private boolean timeoutEnabled = true;

	/**
	 * Whether the first node failure anywhere ends the whole run.
	 */
	private boolean endOnError = false;

	/**
	 * Which engine events are logged.
	 */
	private LoggingSetting loggingSetting = LoggingSetting.REGULAR;

	/**
	 * File that receives each session's event log as text lines.
	 */
	private @Nullable Path logFile;

	/**
	 * Longest text of one logged engine event, in characters; longer text (node inputs, results and error messages in
	 * it) is cut there and marked with its full length.
	 */
	private int maxLogLength = ExecutorConfig.DEFAULT_MAX_LOG_LENGTH;

	/**
	 * Fixed session identifier; by default each session gets a new UUID. Letters, digits, '.', '_' or '-', at most
	 * 128, starting with a letter or digit.
	 */
	private @Nullable String runIdentifier;

	/**
	 * Name of the sessions, used in the saved state's file name.
	 */
	private @Nullable String sessionName;

	/**
	 * Whether LLM nodes fill prompt placeholders from the session context.
	 */
	private boolean promptInjection = true;

	/**
	 * Whether each session writes its execution state as JSON when it closes.
	 */
	private boolean saveState = true;

	/**
	 * How a closed session's state is saved: 'async' queues it for a background writer thread, so closing a session
	 * never waits for the write (everything queued is written when the application context closes); 'sync' writes it
	 * on the thread that closes the session.
	 */
	private SaveMode saveMode = SaveMode.ASYNC;

	/**
	 * How many closed sessions may wait for the background writer (save-mode=async) before a closing thread waits
	 * for room; nothing is dropped.
	 */
	private int saveQueueCapacity = 1024;

	/**
	 * Directory of the saved state files. When unset, 'data/sessions' in the '.railtracks' directory named by the
	 * RAILTRACKS_HOME environment variable, else the nearest '.railtracks' walking up from the working directory,
	 * else './.railtracks' (with a warning).
	 */
	private @Nullable Path stateDirectory;

	/**
	 * Maximum number of closed sessions remembered for the 'railtracks' actuator endpoint.
	 */
	private int recentSessions = 100;

	private final Execution execution = new Execution();

	private final Shutdown shutdown = new Shutdown();

	private final StateRetention stateRetention = new StateRetention();

	/**
	 * Checks every value, as the {@link ExecutorConfig.Builder} and the auto-configured beans would, in the terms of
	 * the properties. Settings that are switched off ({@code timeout-enabled}, {@code shutdown.close-sessions},
	 * {@code state-retention.enabled}) are not checked.
	 * @throws org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException naming
	 * the first bad property, its value and why
	 */
	@Override
	public void afterPropertiesSet() {
		if (this.timeoutEnabled) {
			PropertyCheck.requireTimeout("railtracks.timeout", this.timeout, "; set railtracks.timeout-enabled=false for no limit");
		}
		PropertyCheck.require("railtracks.logging-setting", this.loggingSetting, this.loggingSetting != null,
				"must be one of verbose, regular, quiet or none");
		PropertyCheck.require("railtracks.log-file", this.logFile,
				this.logFile == null || !java.nio.file.Files.isDirectory(this.logFile), "must be a file, not a directory");
		PropertyCheck.require("railtracks.max-log-length", this.maxLogLength,
				this.maxLogLength >= ExecutorConfig.MIN_LOG_LENGTH,
				"must be at least " + ExecutorConfig.MIN_LOG_LENGTH + " characters");
		PropertyCheck.require("railtracks.run-identifier", this.runIdentifier,
				this.runIdentifier == null || ExecutorConfig.isRunIdentifier(this.runIdentifier),
				"must be 1-128 letters, digits, '.', '_' or '-' starting with a letter or digit (it names the saved file)");
		PropertyCheck.require("railtracks.state-directory", this.stateDirectory,
				this.stateDirectory == null || !java.nio.file.Files.isRegularFile(this.stateDirectory),
				"must be a directory, not a file");
		PropertyCheck.require("railtracks.save-mode", this.saveMode, this.saveMode != null, "must be async or sync");
		PropertyCheck.require("railtracks.save-queue-capacity", this.saveQueueCapacity, this.saveQueueCapacity >= 1,
				"must be at least 1");
		PropertyCheck.require("railtracks.recent-sessions", this.recentSessions, this.recentSessions >= 0,
				"must be zero or more");
		this.execution.validate();
		this.shutdown.validate();
		this.stateRetention.validate();
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public boolean isTimeoutEnabled() {
		return this.timeoutEnabled;
	}

	public void setTimeoutEnabled(boolean timeoutEnabled) {
		this.timeoutEnabled = timeoutEnabled;
	}

	public boolean isEndOnError() {
		return this.endOnError;
	}

	public void setEndOnError(boolean endOnError) {
		this.endOnError = endOnError;
	}

	public LoggingSetting getLoggingSetting() {
		return this.loggingSetting;
	}

	public void setLoggingSetting(LoggingSetting loggingSetting) {
		this.loggingSetting = loggingSetting;
	}

	public int getMaxLogLength() {
		return this.maxLogLength;
	}

	public void setMaxLogLength(int maxLogLength) {
		this.maxLogLength = maxLogLength;
	}

	public @Nullable Path getLogFile() {
		return this.logFile;
	}

	public void setLogFile(@Nullable Path logFile) {
		this.logFile = logFile;
	}

	public @Nullable String getRunIdentifier() {
		return this.runIdentifier;
	}

	public void setRunIdentifier(@Nullable String runIdentifier) {
		this.runIdentifier = runIdentifier;
	}

	public @Nullable String getSessionName() {
		return this.sessionName;
	}

	public void setSessionName(@Nullable String sessionName) {
		this.sessionName = sessionName;
	}

	public boolean isPromptInjection() {
		return this.promptInjection;
	}

	public void setPromptInjection(boolean promptInjection) {
		this.promptInjection = promptInjection;
	}

	public boolean isSaveState() {
		return this.saveState;
	}

	public void setSaveState(boolean saveState) {
		this.saveState = saveState;
	}

	public SaveMode getSaveMode() {
		return this.saveMode;
	}

	public void setSaveMode(SaveMode saveMode) {
		this.saveMode = saveMode;
	}

	public int getSaveQueueCapacity() {
		return this.saveQueueCapacity;
	}

	public void setSaveQueueCapacity(int saveQueueCapacity) {
		this.saveQueueCapacity = saveQueueCapacity;
	}

	public @Nullable Path getStateDirectory() {
		return this.stateDirectory;
	}

	public void setStateDirectory(@Nullable Path stateDirectory) {
		this.stateDirectory = stateDirectory;
	}

	public int getRecentSessions() {
		return this.recentSessions;
	}

	public void setRecentSessions(int recentSessions) {
		this.recentSessions = recentSessions;
	}

	public Execution getExecution() {
		return this.execution;
	}

	public Shutdown getShutdown() {
		return this.shutdown;
	}

	public StateRetention getStateRetention() {
		return this.stateRetention;
	}

	/**
	 * How node calls get their threads ({@code railtracks.execution.*}).
	 */
	public static class Execution {

		/**
		 * Which threads run asynchronous and parallel node calls.
		 */
		private Strategy strategy = Strategy.AUTO;

		/**
		 * Whether a synchronous call runs the child node on the caller's own thread.
		 */
		private boolean inlineSynchronousCalls = true;

		public Strategy getStrategy() {
			return this.strategy;
		}

		public void setStrategy(Strategy strategy) {
			this.strategy = strategy;
		}

		public boolean isInlineSynchronousCalls() {
			return this.inlineSynchronousCalls;
		}

		public void setInlineSynchronousCalls(boolean inlineSynchronousCalls) {
			this.inlineSynchronousCalls = inlineSynchronousCalls;
		}

		private void validate() {
			String key = "railtracks.execution.strategy";
			PropertyCheck.require(key, this.strategy, this.strategy != null,
					"must be one of auto, virtual-threads or platform-threads");
			PropertyCheck.require(key, this.strategy,
					this.strategy != Strategy.VIRTUAL_THREADS || Runtime.version().feature() >= 21,
					"virtual threads need Java 21 or later and this JVM is " + Runtime.version()
							+ "; set platform-threads (or auto, which picks them on this JVM)");
		}

	}

	/**
	 * What happens to open sessions when the application context closes ({@code railtracks.shutdown.*}).
	 */
	public static class Shutdown {

		/**
		 * Whether sessions still open when the application context closes are cancelled, saved and closed (publishing
		 * their close events) during the shutdown phase.
		 */
		private boolean closeSessions = true;

		/**
		 * Maximum time to wait for open sessions to close at shutdown. If a duration suffix is not specified, seconds
		 * will be used.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration timeout = Duration.ofSeconds(10);

		public boolean isCloseSessions() {
			return this.closeSessions;
		}

		public void setCloseSessions(boolean closeSessions) {
			this.closeSessions = closeSessions;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		private void validate() {
			if (this.closeSessions) {
				PropertyCheck.require("railtracks.shutdown.timeout", this.timeout, PropertyCheck.isPositive(this.timeout),
						"must be positive");
			}
		}

	}

	/**
	 * Which saved sessions the session store keeps ({@code railtracks.state-retention.*}): the files of each state
	 * directory, or the rows of the JDBC store ({@code railtracks.store.type=jdbc}); the oldest go first.
	 */
	public static class StateRetention {

		/**
		 * Whether old saved sessions are deleted in the background to keep the session store (each state directory, or
		 * the JDBC store's table) within the limits below.
		 */
		private boolean enabled = true;

		/**
		 * Maximum number of saved sessions kept in each state directory, or in the JDBC store's table.
		 */
		private int maxFiles = 1000;

		/**
		 * Maximum age of a saved session, from when it was saved. If a duration suffix is not specified, days will be
		 * used.
		 */
		@DurationUnit(ChronoUnit.DAYS)
		private Duration maxAge = Duration.ofDays(7);

		/**
		 * Maximum total size of the saved sessions' documents in each state directory, or in the JDBC store's table.
		 */
		private DataSize maxTotalSize = DataSize.ofMegabytes(100);

		/**
		 * Time between periodic sweeps of the session store; under load, a sweep also runs after every twentieth of
		 * max-files sessions saved. If a duration suffix is not specified, seconds will be used.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration checkInterval = Duration.ofMinutes(1);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxFiles() {
			return this.maxFiles;
		}

		public void setMaxFiles(int maxFiles) {
			this.maxFiles = maxFiles;
		}

		public Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(Duration maxAge) {
			this.maxAge = maxAge;
		}

		public DataSize getMaxTotalSize() {
			return this.maxTotalSize;
		}

		public void setMaxTotalSize(DataSize maxTotalSize) {
			this.maxTotalSize = maxTotalSize;
		}

		public Duration getCheckInterval() {
			return this.checkInterval;
		}

		public void setCheckInterval(Duration checkInterval) {
			this.checkInterval = checkInterval;
		}

		private void validate() {
			if (!this.enabled) {
				return;
			}
			String prefix = "railtracks.state-retention.";
			PropertyCheck.require(prefix + "max-files", this.maxFiles, this.maxFiles > 0, "must be positive");
			PropertyCheck.require(prefix + "max-age", this.maxAge, PropertyCheck.isPositive(this.maxAge),
					"must be positive");
			PropertyCheck.require(prefix + "max-total-size", this.maxTotalSize,
					this.maxTotalSize != null && this.maxTotalSize.toBytes() > 0, "must be positive");
			PropertyCheck.require(prefix + "check-interval", this.checkInterval,
					PropertyCheck.isPositive(this.checkInterval), "must be positive");
		}

	}

	/**
	 * The execution strategies that can be chosen by name.
	 */
	public enum Strategy {

		/**
		 * Virtual threads on Java 21 and later, otherwise platform threads.
		 */
		AUTO,

		/**
		 * One virtual thread per task; needs Java 21 or later.
		 */
		VIRTUAL_THREADS,

		/**
		 * A shared, elastic pool of platform threads.
		 */
		PLATFORM_THREADS

	}

	/**
	 * Where closing a session writes its state.
	 */
	public enum SaveMode {

		/**
		 * Queued for a background writer thread; closing never waits for the write.
		 */
		ASYNC,

		/**
		 * Written on the thread that closes the session.
		 */
		SYNC

	}

}

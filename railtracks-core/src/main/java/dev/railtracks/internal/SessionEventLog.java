package dev.railtracks.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.LoggingSetting;
import dev.railtracks.support.ValueText;

/**
 * One session's event log. Events go to the SLF4J logger {@code dev.railtracks.Session} (with the session id as a
 * key-value pair, and in the MDC under {@value #MDC_KEY} while the event is logged, so that patterns and JSON
 * layouts can show it) and, when the session has a log file, to that file as text lines, whatever the logging backend
 * does. The {@link LoggingSetting} decides which events are logged at all; an event's text longer than the session's
 * {@link dev.railtracks.ExecutorConfig#maxLogLength()} is cut and marked with its full length.
 */
final class SessionEventLog implements AutoCloseable {

	/** The MDC key of the session id; the same name as the observations' high-cardinality key. */
	static final String MDC_KEY = "railtracks.session.id";

	private static final Logger logger = LoggerFactory.getLogger("dev.railtracks.Session");

	private final String sessionId;

	private final LoggingSetting setting;

	private final @Nullable Path logFile;

	private final int maxLength;

	/** Guards the file; a lock rather than {@code synchronized}, which would pin virtual threads doing I/O on 21-23. */
	private final ReentrantLock fileLock = new ReentrantLock();

	private volatile @Nullable BufferedWriter file;

	/**
	 * Opens the log.
	 * @param sessionId the session's id
	 * @param setting which events to log
	 * @param logFile the session's log file, or {@code null}
	 * @throws java.io.UncheckedIOException when the log file cannot be opened
	 */
	public SessionEventLog(String sessionId, LoggingSetting setting, @Nullable Path logFile) {
		this(sessionId, setting, logFile, ExecutorConfig.DEFAULT_MAX_LOG_LENGTH);
	}

	/**
	 * Opens the log.
	 * @param sessionId the session's id
	 * @param setting which events to log
	 * @param logFile the session's log file, or {@code null}
	 * @param maxLength the longest event text before it is cut
	 * @throws java.io.UncheckedIOException when the log file cannot be opened
	 */
	public SessionEventLog(String sessionId, LoggingSetting setting, @Nullable Path logFile, int maxLength) {
		this.sessionId = sessionId;
		this.maxLength = maxLength;
		this.setting = setting;
		this.logFile = logFile;
		if (logFile != null && setting != LoggingSetting.NONE) {
			try {
				Path parent = logFile.toAbsolutePath().getParent();
				if (parent != null) {
					Files.createDirectories(parent);
				}
				this.file = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
						StandardOpenOption.APPEND);
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException("Cannot open the session log file " + logFile + ": " + ex.getMessage(),
						ex);
			}
		}
	}

	/**
	 * Whether an event at this level would be logged anywhere; check before building an expensive message.
	 * @param level the event's level
	 * @return {@code true} when it would be logged
	 */
	public boolean isEnabled(Level level) {
		return this.setting.logs(level) && (this.file != null || logger.isEnabledForLevel(level));
	}

	/**
	 * Logs an event.
	 * @param level the level
	 * @param message the text
	 */
	public void log(Level level, String message) {
		log(level, message, null);
	}

	/**
	 * Logs an event with a failure.
	 * @param level the level
	 * @param message the text
	 * @param error the failure, or {@code null}
	 */
	public void log(Level level, String message, @Nullable Throwable error) {
		if (!this.setting.logs(level)) {
			return;
		}
		String text = truncate(message, this.maxLength);
		if (logger.isEnabledForLevel(level)) {
			String outer = MDC.get(MDC_KEY);
			MDC.put(MDC_KEY, this.sessionId);
			try {
				logger.atLevel(level).addKeyValue("session_id", this.sessionId).setCause(error).log(text);
			}
			catch (RuntimeException ex) {
				// An exception whose own methods throw cannot be rendered; the line must still be logged.
				logger.atLevel(level).addKeyValue("session_id", this.sessionId)
					.log(text + " (its stack trace could not be rendered: " + ValueText.of(ex) + ")");
			}
			finally {
				// Restored, not removed: the application may have set it (a node logging its own session's events).
				if (outer != null) {
					MDC.put(MDC_KEY, outer);
				}
				else {
					MDC.remove(MDC_KEY);
				}
			}
		}
		if (this.file != null) {
			writeLine(level, text, error);
		}
	}

	/**
	 * Cuts a text longer than {@code maxLength} there and says how long it was, so one huge input or result cannot
	 * make a huge log line.
	 * @param text the text
	 * @param maxLength the longest text kept whole
	 * @return the text, or its first {@code maxLength} characters and its length
	 */
	static String truncate(String text, int maxLength) {
		if (text.length() <= maxLength) {
			return text;
		}
		return text.substring(0, maxLength) + "... (" + text.length() + " chars)";
	}

	/**
	 * The session's log file.
	 * @return the path, or {@code null}
	 */
	public @Nullable Path logFile() {
		return this.logFile;
	}

	/**
	 * Flushes and closes the log file; later events go to SLF4J only.
	 */
	@Override
	public void close() {
		this.fileLock.lock();
		try {
			BufferedWriter out = this.file;
			if (out != null) {
				this.file = null;
				out.close();
			}
		}
		catch (IOException ex) {
			logger.warn("Could not close the session log file {}", this.logFile, ex);
		}
		finally {
			this.fileLock.unlock();
		}
	}

	private void writeLine(Level level, String message, @Nullable Throwable error) {
		this.fileLock.lock();
		try {
			BufferedWriter out = this.file;
			if (out != null) {
				write(out, level, message, error);
			}
		}
		finally {
			this.fileLock.unlock();
		}
	}

	private void write(BufferedWriter out, Level level, String message, @Nullable Throwable error) {
		try {
			out.write(Instant.now() + " " + level + " [" + this.sessionId + "] - " + message);
			out.newLine();
			if (error != null) {
				PrintWriter trace = new PrintWriter(out);
				try {
					error.printStackTrace(trace);
				}
				catch (RuntimeException ex) {
					trace.println("(the stack trace could not be rendered: " + ValueText.of(ex) + ")");
				}
				trace.flush();
			}
			out.flush();
		}
		catch (IOException ex) {
			logger.warn("Could not write to the session log file {}; no more lines go there", this.logFile, ex);
			this.file = null;
		}
	}

}

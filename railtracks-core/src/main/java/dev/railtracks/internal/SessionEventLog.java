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
import org.slf4j.event.Level;

import dev.railtracks.LoggingSetting;
import dev.railtracks.info.ValueText;

/**
 * One session's event log. Events go to the SLF4J logger {@code dev.railtracks.Session} (with the session id as a
 * key-value pair) and, when the session has a log file, to that file as text lines, whatever the logging backend
 * does. The {@link LoggingSetting} decides which events are logged at all.
 */
final class SessionEventLog implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger("dev.railtracks.Session");

	private final String sessionId;

	private final LoggingSetting setting;

	private final @Nullable Path logFile;

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
		this.sessionId = sessionId;
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
		if (logger.isEnabledForLevel(level)) {
			try {
				logger.atLevel(level).addKeyValue("session_id", this.sessionId).setCause(error).log(message);
			}
			catch (RuntimeException ex) {
				// An exception whose own methods throw cannot be rendered; the line must still be logged.
				logger.atLevel(level).addKeyValue("session_id", this.sessionId)
					.log(message + " (its stack trace could not be rendered: " + ValueText.of(ex) + ")");
			}
		}
		if (this.file != null) {
			writeLine(level, message, error);
		}
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

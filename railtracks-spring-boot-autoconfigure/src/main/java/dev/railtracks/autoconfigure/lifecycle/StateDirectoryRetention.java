package dev.railtracks.autoconfigure.lifecycle;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.Session;
import dev.railtracks.SessionListener;
import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.store.SessionWriter;

/**
 * Applies a {@link StateRetentionPolicy} to every directory the application's sessions save their state in, on one
 * background thread, never on the thread that closes a session. A sweep runs every {@code checkInterval} and, under
 * load, after every {@code sweepEvery} saved sessions; sweeps never overlap and requests for one while one is pending
 * are merged. With a {@link SessionWriter}, a sweep first waits for the documents queued before it, so that it sees
 * the files of the sessions whose close asked for it.
 */
final class StateDirectoryRetention implements SessionListener, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(StateDirectoryRetention.class);

	private final StateRetentionPolicy policy;

	private final int sweepEvery;

	private final Set<Path> directories = ConcurrentHashMap.newKeySet();

	private final @Nullable SessionWriter writer;

	private final AtomicInteger savedSinceSweep = new AtomicInteger();

	private final AtomicBoolean sweepPending = new AtomicBoolean();

	private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "railtracks-state-retention");
		thread.setDaemon(true);
		return thread;
	});

	/**
	 * Starts the background sweeps.
	 * @param policy what to keep
	 * @param config the application's base configuration: its state directory is swept from the start when it saves
	 * state (files of earlier runs count); other directories are swept once a session has saved there
	 * @param checkInterval time between periodic sweeps
	 */
	StateDirectoryRetention(StateRetentionPolicy policy, ExecutorConfig config, Duration checkInterval) {
		this.policy = policy;
		// A tenth of the file limit: the directory overshoots by at most about 10 % between sweeps under load.
		this.sweepEvery = Math.max(1, policy.maxFiles() / 10);
		this.writer = config.sessionWriter();
		if (config.saveState()) {
			this.directories.add(config.stateDirectory().toAbsolutePath().normalize());
		}
		long period = checkInterval.toMillis();
		this.sweeper.scheduleWithFixedDelay(this::requestSweep, 0, period, TimeUnit.MILLISECONDS);
	}

	@Override
	public void sessionClosed(Session session, ExecutionInfo finalInfo) {
		if (!session.config().saveState()) {
			return;
		}
		this.directories.add(session.config().stateDirectory().toAbsolutePath().normalize());
		if (this.savedSinceSweep.incrementAndGet() >= this.sweepEvery) {
			requestSweep();
		}
	}

	private void requestSweep() {
		if (this.sweepPending.compareAndSet(false, true)) {
			try {
				this.sweeper.execute(this::sweep);
			}
			catch (RejectedExecutionException ex) {
				// shutting down: the next start sweeps
				this.sweepPending.set(false);
			}
		}
	}

	private void sweep() {
		// Cleared first, so that a save after the listing below asks for another sweep.
		this.sweepPending.set(false);
		this.savedSinceSweep.set(0);
		if (this.writer != null) {
			this.writer.flush();
		}
		Instant now = Instant.now();
		for (Path directory : this.directories) {
			try {
				StateRetentionPolicy.Swept swept = this.policy.sweep(directory, now);
				if (swept.deletedFiles() > 0) {
					logger.debug("Deleted {} saved session file(s) ({} bytes) from {}; kept {} ({} bytes)",
							swept.deletedFiles(), swept.deletedBytes(), directory, swept.keptFiles(), swept.keptBytes());
				}
			}
			catch (IOException | RuntimeException ex) {
				logger.warn("Could not apply railtracks.state-retention to {}: {}", directory, ex.toString());
			}
		}
	}

	@Override
	public void destroy() {
		this.sweeper.shutdownNow();
	}

}

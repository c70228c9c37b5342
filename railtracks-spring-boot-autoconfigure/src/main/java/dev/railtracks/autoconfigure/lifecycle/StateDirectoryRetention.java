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
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

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
 * background thread. A sweep runs every {@code checkInterval} and, under load, after every half batch of saved
 * sessions, a batch being a tenth of {@code maxFiles} (at least one file); sweeps never overlap and requests for one
 * while one is pending are merged.
 *
 * <p>The bound: a sweep covers every save counted before it lists the directory, so the directory holds at most
 * {@code maxFiles} files plus the saves counted since the listing of the last finished sweep, plus the sessions being
 * closed at that moment (saved, not yet counted: at most one per closing thread). When the sweeper falls so far behind
 * that more than a batch is counted since its last finished listing, a closing session waits for the sweep
 * (back-pressure) instead of letting the directory grow; otherwise the closing thread only counts.
 *
 * <p>With a {@link SessionWriter}, a sweep first waits for the documents queued before it, so that it sees the files
 * of the sessions whose close asked for it.
 */
final class StateDirectoryRetention implements SessionListener, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(StateDirectoryRetention.class);

	private final StateRetentionPolicy policy;

	private final int batch;

	private final int sweepAt;

	private final Set<Path> directories = ConcurrentHashMap.newKeySet();

	/** Saves counted since the listing of the last finished sweep: the most the directory can be over its limits. */
	private final AtomicInteger unswept = new AtomicInteger();

	/** Saves counted since the last sweep began listing: what the next sweep will cover. */
	private final AtomicInteger unlisted = new AtomicInteger();

	private final ReentrantLock sweepLock = new ReentrantLock();

	private final Condition swept = this.sweepLock.newCondition();

	private final @Nullable SessionWriter writer;

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
		this.batch = batchOf(policy.maxFiles());
		// Half a batch: a sweep started then usually finishes before a whole batch is saved, so nobody waits.
		this.sweepAt = (this.batch + 1) / 2;
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
		// unswept first: a sweep that reads unlisted between the two increments then leaves this save counted
		// (over, never under)
		int behind = this.unswept.incrementAndGet();
		if (this.unlisted.incrementAndGet() >= this.sweepAt) {
			requestSweep();
		}
		if (behind > this.batch) {
			awaitSweep();
		}
	}

	/**
	 * One sweep's worth: how many saves past the limits the directory may hold (besides the sessions being closed).
	 * @param maxFiles the most files kept
	 * @return a tenth of {@code maxFiles}, at least one
	 */
	static int batchOf(int maxFiles) {
		return Math.max(1, maxFiles / 10);
	}

	private void awaitSweep() {
		this.sweepLock.lock();
		try {
			while (this.unswept.get() > this.batch && !this.sweeper.isShutdown()) {
				// bounded wait: a shutdown in the meantime signals nobody
				this.swept.await(100, TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.sweepLock.unlock();
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
		// Every save counted so far was written before this point, so the listings below see its file.
		int covered = this.unlisted.getAndSet(0);
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
		// Counted as swept even after a failure, which is logged: closing sessions never wait forever.
		this.unswept.addAndGet(-covered);
		this.sweepLock.lock();
		try {
			this.swept.signalAll();
		}
		finally {
			this.sweepLock.unlock();
		}
	}

	@Override
	public void destroy() {
		this.sweeper.shutdownNow();
	}

}

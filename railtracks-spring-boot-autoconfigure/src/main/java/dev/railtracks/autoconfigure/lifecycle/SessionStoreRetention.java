package dev.railtracks.autoconfigure.lifecycle;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
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
import dev.railtracks.store.FileSessionStore;
import dev.railtracks.store.RetentionPolicy;
import dev.railtracks.store.SessionStore;
import dev.railtracks.store.SessionWriter;

/**
 * Applies a {@link RetentionPolicy} ({@code railtracks.state-retention.*}) to every session store the application's
 * sessions save to, through {@link SessionStore#retain}, on one background thread: each state directory of the file
 * store (deleting files), or a shared store such as the JDBC store (one SQL {@code DELETE}; every instance of a fleet
 * sweeps the same table, which is safe). A sweep runs every {@code checkInterval} and, under load, after every half
 * batch of saved sessions, a batch being a tenth of {@code maxFiles} (at least one); sweeps never overlap and requests
 * for one while one is pending are merged.
 *
 * <p>The bound: a sweep covers every save counted before it lists the store, so the store holds at most
 * {@code maxFiles} sessions plus the saves counted since the listing of the last finished sweep, plus the sessions
 * being closed at that moment (saved, not yet counted: at most one per closing thread). When the sweeper falls so far
 * behind that more than a batch is counted since its last finished listing, a closing session waits for the sweep
 * (back-pressure) instead of letting the store grow; otherwise the closing thread only counts. (With a store shared by
 * several instances, the bound holds per instance's own saves.)
 *
 * <p>With a {@link SessionWriter}, a sweep first waits for the documents queued before it, so that it sees the
 * sessions whose close asked for it.
 */
final class SessionStoreRetention implements SessionListener, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(SessionStoreRetention.class);

	private final RetentionPolicy policy;

	private final int batch;

	private final int sweepAt;

	/** The stores swept: a file store per directory (by its absolute path), any other store as itself. */
	private final Map<Object, SessionStore> stores = new ConcurrentHashMap<>();

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
	 * @param config the application's base configuration: its store is swept from the start when it saves state
	 * (sessions of earlier runs count); other stores (a flow's own state directory) once a session has saved there
	 * @param checkInterval time between periodic sweeps
	 */
	SessionStoreRetention(RetentionPolicy policy, ExecutorConfig config, Duration checkInterval) {
		this.policy = policy;
		this.batch = batchOf(policy.maxSessions());
		// Half a batch: a sweep started then usually finishes before a whole batch is saved, so nobody waits.
		this.sweepAt = (this.batch + 1) / 2;
		this.writer = config.sessionWriter();
		if (config.saveState()) {
			track(config.sessionStore());
		}
		long period = checkInterval.toMillis();
		this.sweeper.scheduleWithFixedDelay(this::requestSweep, 0, period, TimeUnit.MILLISECONDS);
	}

	@Override
	public void sessionClosed(Session session, ExecutionInfo finalInfo) {
		if (!session.config().saveState()) {
			return;
		}
		track(session.config().sessionStore());
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

	private void track(SessionStore store) {
		if (store instanceof FileSessionStore files) {
			// The default store is made anew for each session: one per directory, fixed to it.
			Path directory = files.directory().toAbsolutePath().normalize();
			this.stores.computeIfAbsent(directory, (key) -> new FileSessionStore(directory));
		}
		else {
			this.stores.putIfAbsent(store, store);
		}
	}

	/**
	 * One sweep's worth: how many saves past the limits the store may hold (besides the sessions being closed).
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
		for (SessionStore store : this.stores.values()) {
			try {
				RetentionPolicy.Outcome swept = store.retain(this.policy, now);
				if (swept.deleted() > 0) {
					logger.debug("Deleted {} saved session(s) ({} bytes) from {}; kept {} ({} bytes)", swept.deleted(),
							swept.deletedBytes(), store, swept.kept(), swept.keptBytes());
				}
			}
			catch (IOException | RuntimeException ex) {
				logger.warn("Could not apply railtracks.state-retention to {}: {}", store, ex.toString());
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

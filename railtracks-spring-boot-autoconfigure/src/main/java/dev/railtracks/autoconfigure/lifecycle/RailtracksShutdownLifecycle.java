package dev.railtracks.autoconfigure.lifecycle;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

import dev.railtracks.Session;
import dev.railtracks.autoconfigure.event.SessionClosedEvent;

/**
 * Closes the sessions still open when the application context closes (also on SIGTERM, through Boot's shutdown
 * hook): each is cancelled, its state saved and its {@link SessionClosedEvent} published while the context can still
 * publish events. Runs in the phase after the web server's graceful shutdown, so that requests that can finish in
 * the grace period do, and before the web server stops. Sessions are closed in parallel and waited for at most the
 * configured timeout.
 */
final class RailtracksShutdownLifecycle implements SmartLifecycle {

	/**
	 * Between Boot's {@code WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE} ({@code DEFAULT_PHASE - 1024},
	 * stopped first) and {@code START_STOP_LIFECYCLE_PHASE} ({@code DEFAULT_PHASE - 2048}); a literal, because the
	 * web server module is not a dependency.
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1536;

	private static final Logger logger = LoggerFactory.getLogger(RailtracksShutdownLifecycle.class);

	private final RailtracksSessionTracker tracker;

	private final Duration timeout;

	private volatile boolean running;

	RailtracksShutdownLifecycle(RailtracksSessionTracker tracker, Duration timeout) {
		this.tracker = tracker;
		this.timeout = timeout;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		List<Session> open = this.tracker.activeSessions();
		if (open.isEmpty()) {
			return;
		}
		logger.info("Closing {} Railtracks session(s) still open at shutdown", open.size());
		ExecutorService closers = Executors.newFixedThreadPool(Math.min(open.size(), 8), new CloserThreads());
		open.forEach((session) -> closers.execute(session::close));
		closers.shutdown();
		try {
			if (!closers.awaitTermination(this.timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("{} Railtracks session(s) did not close within railtracks.shutdown.timeout={}: {}",
						this.tracker.activeCount(), this.timeout, this.tracker.activeSessions());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/** Daemon threads, so that a session that never finishes closing cannot keep the JVM alive. */
	private static final class CloserThreads implements ThreadFactory {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public Thread newThread(Runnable task) {
			Thread thread = new Thread(task, "railtracks-shutdown-" + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

}

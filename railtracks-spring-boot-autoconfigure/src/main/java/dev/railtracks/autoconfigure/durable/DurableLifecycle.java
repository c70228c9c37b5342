package dev.railtracks.autoconfigure.durable;

import org.springframework.context.SmartLifecycle;

import dev.railtracks.durable.Durability;

/**
 * Launches DBOS once every durable flow and queued node is registered, which recovers this executor id's unfinished
 * runs, and shuts it down with the context.
 *
 * <p>It stops after the web server's graceful shutdown (requests that finish in the grace period complete their
 * durable runs) and <em>before</em> Railtracks closes the sessions still open ({@code RailtracksShutdownLifecycle}):
 * closing a session cancels its run, and a cancelled durable run that DBOS could still record would be recorded as
 * failed, never to be recovered. With DBOS shut down first, the runs under way at shutdown stay pending in PostgreSQL
 * and the next instance with this executor id (or the recovery of another executor's runs) finishes them. Starting in
 * the same phase means DBOS launches after the web server has started: Boot reports readiness only once the context
 * has started, so readiness-gated traffic arrives after the launch.
 */
final class DurableLifecycle implements SmartLifecycle {

	/**
	 * Between {@code RailtracksShutdownLifecycle.PHASE} ({@code DEFAULT_PHASE - 1536}, stopped after this) and Boot's
	 * {@code GRACEFUL_SHUTDOWN_PHASE} ({@code DEFAULT_PHASE - 1024}, stopped before this).
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1280;

	private final Durability durability;

	/** Registers what recovery needs: the durable flows and the nodes sent through queues. */
	private final Runnable registrations;

	private volatile boolean running;

	DurableLifecycle(Durability durability, Runnable registrations) {
		this.durability = durability;
		this.registrations = registrations;
	}

	@Override
	public void start() {
		this.registrations.run();
		this.durability.launch();
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.durability.dbos().shutdown();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}

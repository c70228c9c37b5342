package dev.railtracks.autoconfigure.durable;

import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.context.SmartLifecycle;

import dev.railtracks.durable.Durability;

/**
 * Launches DBOS once every durable flow and queued node is registered, which recovers this executor id's unfinished
 * runs, and shuts it down with the context: two lifecycles, since launching and shutting down belong in different
 * phases.
 *
 * <p>DBOS launches ({@link Launch}) before the web server starts serving, so that no request reaches a durable flow
 * (or the operations on durable runs) before DBOS can run it. It stops ({@code DurableLifecycle}) after the web
 * server's graceful shutdown (requests that finish in the grace period complete their durable runs) and
 * <em>before</em> Railtracks closes the sessions still open ({@code RailtracksShutdownLifecycle}): closing a session
 * cancels its run, and a cancelled durable run that DBOS could still record would be recorded as failed, never to be
 * recovered. With DBOS shut down first, the runs under way at shutdown stay pending in PostgreSQL and the next instance
 * with this executor id (or the recovery of another executor's runs) finishes them.
 */
final class DurableLifecycle implements SmartLifecycle {

	/**
	 * Between {@code RailtracksShutdownLifecycle.PHASE} ({@code DEFAULT_PHASE - 1536}, stopped after this) and Boot's
	 * {@code GRACEFUL_SHUTDOWN_PHASE} ({@code DEFAULT_PHASE - 1024}, stopped before this).
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1280;

	private final Durability durability;

	private volatile boolean running;

	DurableLifecycle(Durability durability) {
		this.durability = durability;
	}

	@Override
	public void start() {
		// DBOS is launched by Launch, in an earlier phase.
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

	/**
	 * Registers the durable flows and queued nodes (once: a context stopped and started again keeps them) and launches
	 * DBOS, before the web server starts ({@code START_STOP_LIFECYCLE_PHASE}, {@code DEFAULT_PHASE - 2048}). Its stop
	 * does nothing: {@link DurableLifecycle} shuts DBOS down.
	 */
	static final class Launch implements SmartLifecycle {

		/** Started before the web server ({@code DEFAULT_PHASE - 2048}) and Railtracks' own lifecycles. */
		static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 2560;

		private final Durability durability;

		/** Registers what recovery needs: the durable flows and the nodes sent through queues. */
		private final Runnable registrations;

		private final AtomicBoolean registered = new AtomicBoolean();

		private volatile boolean running;

		Launch(Durability durability, Runnable registrations) {
			this.durability = durability;
			this.registrations = registrations;
		}

		@Override
		public void start() {
			if (this.registered.compareAndSet(false, true)) {
				this.registrations.run();
			}
			this.durability.launch();
			this.running = true;
		}

		@Override
		public void stop() {
			this.running = false;
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

}

package dev.railtracks.middleware;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.NodeCall;
import dev.railtracks.NodeMiddleware;

/**
 * A limit on one node call: past it the node's thread is interrupted and the call fails with a
 * {@link NodeTimeoutException} naming the node and the limit, recorded as the node's failure. The caller gets that
 * failure as from any failing child and goes on.
 *
 * <p>The node keeps running on its own thread (it carries the node's scope, so that the node can call its children):
 * the limit works through the interrupt. A child the node called synchronously runs inline on the same thread, so it
 * is interrupted too and recorded failed with what it threw; a node that ignores interrupts is not stopped, but its
 * late result is discarded and the call still fails with the timeout. The calls the node left open (asynchronous
 * children, a batch's scouts) are ended with it, recorded failed with the timeout as cause; their threads are not
 * interrupted, so a child that ignores that runs on, its result dropped. Resilience4j's {@code TimeLimiter} is not used
 * because it limits a future running on another thread, which would lose the node's scope.
 */
public final class Timeout implements NodeMiddleware {

	/**
	 * Rings every {@code Timeout}'s alarms: one daemon thread, and an alarm is removed when its call ends first, so that
	 * quick calls under a long limit leave nothing queued (nor the node's thread held).
	 */
	private static final ScheduledThreadPoolExecutor ALARMS = alarms();

	private final Duration limit;

	private Timeout(Duration limit) {
		this.limit = limit;
	}

	/**
	 * A timeout of {@code limit} per call.
	 * @param limit a positive duration
	 * @return the middleware
	 * @throws IllegalArgumentException when {@code null}, zero, negative or longer than about 292 years
	 */
	public static Timeout of(Duration limit) {
		if (limit == null || limit.isNegative() || limit.isZero() || limit.compareTo(ExecutorConfig.MAX_TIMEOUT) > 0) {
			throw new IllegalArgumentException("Timeout limit must be positive and at most " + ExecutorConfig.MAX_TIMEOUT
					+ " but was " + limit);
		}
		return new Timeout(limit);
	}

	/**
	 * The limit per call.
	 * @return the limit
	 */
	public Duration limit() {
		return this.limit;
	}

	@Override
	public @Nullable Object around(NodeCall call) throws Exception {
		Alarm alarm = new Alarm(Thread.currentThread());
		ScheduledFuture<?> scheduled = ALARMS.schedule(alarm::ring, this.limit.toNanos(), TimeUnit.NANOSECONDS);
		Object result = null;
		Exception failure = null;
		try {
			result = call.proceed();
		}
		catch (Exception ex) {
			failure = ex;
		}
		finally {
			scheduled.cancel(false);
		}
		if (alarm.silence()) {
			// This interrupt was ours; one from the run's end stays for the engine to see.
			if (!call.runEnded()) {
				Thread.interrupted();
			}
			throw new NodeTimeoutException(call.nodeName(), this.limit, failure);
		}
		if (failure != null) {
			throw failure;
		}
		return result;
	}

	@Override
	public String toString() {
		return "Timeout[" + this.limit + "]";
	}

	private static ScheduledThreadPoolExecutor alarms() {
		ScheduledThreadPoolExecutor alarms = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "railtracks-node-timeout");
			thread.setDaemon(true);
			return thread;
		});
		alarms.setRemoveOnCancelPolicy(true);
		return alarms;
	}

	/** Interrupts the node's thread at the limit unless the call has ended first; one of the two wins. */
	private static final class Alarm {

		private final Thread thread;

		private boolean ended;

		private boolean rang;

		Alarm(Thread thread) {
			this.thread = thread;
		}

		synchronized void ring() {
			if (!this.ended) {
				this.rang = true;
				this.thread.interrupt();
			}
		}

		/** Ends the call; whether the alarm rang first. */
		synchronized boolean silence() {
			this.ended = true;
			return this.rang;
		}

	}

}

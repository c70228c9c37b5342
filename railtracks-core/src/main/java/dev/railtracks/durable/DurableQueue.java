package dev.railtracks.durable;

import java.time.Duration;
import java.util.List;

import dev.dbos.transact.workflow.Queue;
import dev.railtracks.NodeDefinition;
import dev.railtracks.Outcome;
import dev.railtracks.Railtracks;
import org.jspecify.annotations.Nullable;

/**
 * A named durable queue: the children of a {@code callBatch} sent through it ({@link #callBatch}) are DBOS child
 * workflows of the run, kept in PostgreSQL and executed by any instance of the fleet that declared the queue, within its
 * limits: at most {@link #concurrency(int) concurrency} at once across the fleet, at most
 * {@link #workerConcurrency(int) workerConcurrency} at once on one instance, and at most {@code count} started per
 * {@link #rateLimit(int, Duration) period} across the fleet. That is how a fleet respects an LLM provider's rate limit.
 * A queue is a DBOS queue of the same name; declare it on every instance with {@link Durability#queue} before launch.
 *
 * <pre>{@code
 * durability.queue(DurableQueue.named("llm").concurrency(8).workerConcurrency(2).rateLimit(50, Duration.ofMinutes(1)));
 * durability.registerNode(SUMMARISE);
 * ...
 * // in a node of a durable flow:
 * List<Summary> summaries = DurableQueue.callBatch("llm", SUMMARISE, documents);
 * }</pre>
 *
 * <p>Instances are immutable: each setter returns a new queue.
 */
public final class DurableQueue {

	private final String name;

	private final @Nullable Integer concurrency;

	private final @Nullable Integer workerConcurrency;

	private final Queue.@Nullable RateLimit rateLimit;

	private final Duration pollingInterval;

	private DurableQueue(String name, @Nullable Integer concurrency, @Nullable Integer workerConcurrency,
			Queue.@Nullable RateLimit rateLimit, Duration pollingInterval) {
		this.name = name;
		this.concurrency = concurrency;
		this.workerConcurrency = workerConcurrency;
		this.rateLimit = rateLimit;
		this.pollingInterval = pollingInterval;
	}

	/**
	 * A queue without limits, polled every second (DBOS's default), to configure with the other methods.
	 * @param name the queue's name: letters, digits, {@code .}, {@code _} or {@code -}, 1 to 128 of them
	 * @return the queue
	 * @throws IllegalArgumentException when the name is not one
	 */
	public static DurableQueue named(String name) {
		if (name == null || !name.matches("[A-Za-z0-9._-]{1,128}")) {
			throw new IllegalArgumentException(
					"A durable queue's name must be 1-128 letters, digits, '.', '_' or '-', but was '" + name + "'");
		}
		return new DurableQueue(name, null, null, null, Queue.DEFAULT_POLLING_INTERVAL);
	}

	/**
	 * At most this many children of this queue run at once across the fleet (every instance sharing the database).
	 * @param max the limit, at least 1
	 * @return the queue with that limit
	 * @throws IllegalArgumentException when {@code max} is less than 1
	 */
	public DurableQueue concurrency(int max) {
		return new DurableQueue(this.name, positive("concurrency", max), this.workerConcurrency, this.rateLimit,
				this.pollingInterval);
	}

	/**
	 * At most this many children of this queue run at once on one instance; no more than the
	 * {@link #concurrency(int) concurrency}, when both are set.
	 * @param max the limit, at least 1
	 * @return the queue with that limit
	 * @throws IllegalArgumentException when {@code max} is less than 1
	 */
	public DurableQueue workerConcurrency(int max) {
		return new DurableQueue(this.name, this.concurrency, positive("worker concurrency", max), this.rateLimit,
				this.pollingInterval);
	}

	/**
	 * At most {@code count} children of this queue start in any {@code period}, across the fleet.
	 * @param count the number of starts per period, at least 1
	 * @param period the period, positive
	 * @return the queue with that limit
	 * @throws IllegalArgumentException when {@code count} is less than 1 or the period is not positive
	 */
	public DurableQueue rateLimit(int count, Duration period) {
		positive("rate limit's count", count);
		if (period == null || period.isNegative() || period.isZero()) {
			throw new IllegalArgumentException("The rate limit's period of durable queue '" + this.name
					+ "' must be positive, but was " + period);
		}
		return new DurableQueue(this.name, this.concurrency, this.workerConcurrency, new Queue.RateLimit(count, period),
				this.pollingInterval);
	}

	/**
	 * How often each instance looks for children to start (DBOS's default is a second): a child waits up to this long
	 * after a place frees up. Shorter costs one more query per queue and instance each time.
	 * @param interval the interval, positive
	 * @return the queue with that interval
	 * @throws IllegalArgumentException when the interval is not positive
	 */
	public DurableQueue pollingInterval(Duration interval) {
		if (interval == null || interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("The polling interval of durable queue '" + this.name
					+ "' must be positive, but was " + interval);
		}
		return new DurableQueue(this.name, this.concurrency, this.workerConcurrency, this.rateLimit, interval);
	}

	private int positive(String what, int value) {
		if (value < 1) {
			throw new IllegalArgumentException("The " + what + " of durable queue '" + this.name
					+ "' must be at least 1, but was " + value);
		}
		return value;
	}

	/**
	 * The queue's name, which is also its DBOS queue's name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * How many children may run at once across the fleet.
	 * @return the limit, or {@code null} for none
	 */
	public @Nullable Integer concurrency() {
		return this.concurrency;
	}

	/**
	 * How many children may run at once on one instance.
	 * @return the limit, or {@code null} for none
	 */
	public @Nullable Integer workerConcurrency() {
		return this.workerConcurrency;
	}

	/**
	 * How many children may start per {@link #rateLimitPeriod() period}.
	 * @return the count, or {@code null} without a rate limit
	 */
	public @Nullable Integer rateLimitCount() {
		return (this.rateLimit != null) ? this.rateLimit.limit() : null;
	}

	/**
	 * The period of the rate limit.
	 * @return the period, or {@code null} without a rate limit
	 */
	public @Nullable Duration rateLimitPeriod() {
		return (this.rateLimit != null) ? this.rateLimit.period() : null;
	}

	/**
	 * How often each instance looks for children to start.
	 * @return the interval
	 */
	public Duration pollingInterval() {
		return this.pollingInterval;
	}

	/**
	 * Calls a node once per input through a durable queue, from a node of a durable run: each call is a DBOS child
	 * workflow of the run, enqueued in input order, which any instance that declared the queue and registered the node
	 * ({@link Durability#registerNode}) runs when the queue's limits allow; this waits for all of them. Each child's
	 * call, and every call it made, is checkpointed (in the child workflow) and recorded in this run's record under the
	 * call that sent it (its calls marked replayed: their nodes ran in the child's session, perhaps on another
	 * instance). On recovery, a child that had ended is not run again; one still waiting in the queue is waited for.
	 * A child runs the registered node of that name, in a session of its own: the sending session's context does not
	 * reach it, only its arguments do.
	 *
	 * <p>Outside a durable run (a flow that is not durable, a unit test), the queue means nothing: this is
	 * {@link Railtracks#callBatch(NodeDefinition, Iterable)}, on this instance, without the queue's limits.
	 * @param <O> the result type
	 * @param queue the name of a declared queue
	 * @param node the node, registered for durable queues
	 * @param inputs one argument per call; each must be checkpointable
	 * @return the results, in input order
	 * @throws IllegalArgumentException in a durable run, when the queue is not declared or the node not registered
	 * @throws dev.railtracks.NodeCreationException when an input doesn't fit the node; then no call is made
	 * @throws RuntimeException the failure of the first failed call in input order, after all calls finished
	 */
	public static <O> List<O> callBatch(String queue, NodeDefinition<O> node, Iterable<?> inputs) {
		return Railtracks.callBatch(through(queue, node), inputs);
	}

	/**
	 * Calls a node once per input through a durable queue, like {@link #callBatch(String, NodeDefinition, Iterable)},
	 * and returns every call's outcome in input order, failures as values.
	 * @param <O> the result type
	 * @param queue the name of a declared queue
	 * @param node the node, registered for durable queues
	 * @param inputs one argument per call; each must be checkpointable
	 * @return one outcome per input, in input order, once all calls finished
	 * @throws IllegalArgumentException in a durable run, when the queue is not declared or the node not registered
	 * @throws dev.railtracks.NodeCreationException when an input doesn't fit the node; then no call is made
	 */
	public static <O> List<Outcome<O>> callBatchOutcomes(String queue, NodeDefinition<O> node, Iterable<?> inputs) {
		return Railtracks.callBatchOutcomes(through(queue, node), inputs);
	}

	/** The node, sent through the queue when a node of a durable run calls it. */
	private static <O> NodeDefinition<O> through(String queue, NodeDefinition<O> node) {
		if (queue == null || node == null) {
			throw new IllegalArgumentException("A batch through a durable queue needs a queue name and a node, got "
					+ queue + " and " + node);
		}
		DurableCalls.RunningCall running = DurableCalls.running();
		return (running != null) ? running.queues().queued(queue, node) : node;
	}

	/** This queue as DBOS declares it. */
	Queue toDbos() {
		if (this.concurrency != null && this.workerConcurrency != null && this.workerConcurrency > this.concurrency) {
			throw new IllegalArgumentException("The worker concurrency (" + this.workerConcurrency + ") of durable queue '"
					+ this.name + "' must not exceed its concurrency (" + this.concurrency + ")");
		}
		return new Queue(this.name).withConcurrency(this.concurrency)
			.withWorkerConcurrency(this.workerConcurrency)
			.withRateLimit(this.rateLimit)
			.withPollingInterval(this.pollingInterval);
	}

	@Override
	public String toString() {
		return "DurableQueue[" + this.name + ", concurrency=" + this.concurrency + ", workerConcurrency="
				+ this.workerConcurrency + ", rateLimit=" + ((this.rateLimit != null)
						? this.rateLimit.limit() + " per " + this.rateLimit.period() : null)
				+ ", pollingInterval=" + this.pollingInterval + "]";
	}

}

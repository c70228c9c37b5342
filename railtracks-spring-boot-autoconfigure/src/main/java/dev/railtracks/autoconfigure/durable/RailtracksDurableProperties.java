package dev.railtracks.autoconfigure.durable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Durable flows, {@code railtracks.durable.*}: whether they are on, and the DBOS instance that runs them on the
 * application's PostgreSQL {@code DataSource}.
 */
@ConfigurationProperties("railtracks.durable")
public class RailtracksDurableProperties {

	/**
	 * Whether durable flows are on: DBOS Transact runs them on the application's PostgreSQL DataSource (its tables in
	 * the 'dbos' schema), launched with the context. Needs dev.dbos:transact on the class path.
	 */
	private boolean enabled;

	/**
	 * This instance's executor id: at start it recovers the unfinished runs of this id. Keep it stable across
	 * restarts of one instance (a StatefulSet's pod name), distinct between instances. Unset: the host name
	 * (HOSTNAME, then the local host's name).
	 */
	private @Nullable String executorId;

	/**
	 * The DBOS application version of this instance's runs: DBOS recovers only runs of its own version. Unset: DBOS
	 * computes it from the durable flows' names and the Railtracks and DBOS versions.
	 */
	private @Nullable String applicationVersion;

	/**
	 * Packages (with their sub-packages) whose types the values of durable calls may have, besides the JDK's value
	 * types and dev.railtracks. Unset: the application's auto-configuration packages (the @SpringBootApplication
	 * class's package).
	 */
	private List<String> allowedValuePackages = new ArrayList<>();

	/**
	 * Durable queues by name, through which nodes of durable runs send batches (DurableQueue.callBatch) that any
	 * instance runs within the queue's limits: 'concurrency' (at once across the fleet), 'worker-concurrency' (at once
	 * on one instance), 'rate-limit.limit' starts per 'rate-limit.period' across the fleet, 'polling-interval'.
	 */
	private Map<String, Queue> queues = new LinkedHashMap<>();

	/**
	 * Nodes that durable runs may send through the queues, by name: @RailtracksNode nodes, or NodeDefinition beans
	 * (agents) of that node name. Every instance sharing the database registers the same ones.
	 */
	private List<String> queuedNodes = new ArrayList<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getExecutorId() {
		return this.executorId;
	}

	public void setExecutorId(@Nullable String executorId) {
		this.executorId = executorId;
	}

	public @Nullable String getApplicationVersion() {
		return this.applicationVersion;
	}

	public void setApplicationVersion(@Nullable String applicationVersion) {
		this.applicationVersion = applicationVersion;
	}

	public Map<String, Queue> getQueues() {
		return this.queues;
	}

	public void setQueues(Map<String, Queue> queues) {
		this.queues = queues;
	}

	public List<String> getQueuedNodes() {
		return this.queuedNodes;
	}

	public void setQueuedNodes(List<String> queuedNodes) {
		this.queuedNodes = queuedNodes;
	}

	public List<String> getAllowedValuePackages() {
		return this.allowedValuePackages;
	}

	public void setAllowedValuePackages(List<String> allowedValuePackages) {
		this.allowedValuePackages = allowedValuePackages;
	}

	/**
	 * One durable queue's limits; unset, a limit does not apply.
	 */
	public static class Queue {

		/**
		 * At most this many children of the queue run at once, on all instances together.
		 */
		private @Nullable Integer concurrency;

		/**
		 * At most this many children of the queue run at once on one instance; no more than the concurrency.
		 */
		private @Nullable Integer workerConcurrency;

		/**
		 * At most 'limit' children of the queue start in any 'period', on all instances together.
		 */
		private final RateLimit rateLimit = new RateLimit();

		/**
		 * How often each instance looks for children of the queue to start.
		 */
		private Duration pollingInterval = Duration.ofSeconds(1);

		public @Nullable Integer getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(@Nullable Integer concurrency) {
			this.concurrency = concurrency;
		}

		public @Nullable Integer getWorkerConcurrency() {
			return this.workerConcurrency;
		}

		public void setWorkerConcurrency(@Nullable Integer workerConcurrency) {
			this.workerConcurrency = workerConcurrency;
		}

		public RateLimit getRateLimit() {
			return this.rateLimit;
		}

		public Duration getPollingInterval() {
			return this.pollingInterval;
		}

		public void setPollingInterval(Duration pollingInterval) {
			this.pollingInterval = pollingInterval;
		}

	}

	/**
	 * A queue's rate limit: both set, or neither.
	 */
	public static class RateLimit {

		/**
		 * How many children may start per period.
		 */
		private @Nullable Integer limit;

		/**
		 * The period of the limit.
		 */
		private @Nullable Duration period;

		public @Nullable Integer getLimit() {
			return this.limit;
		}

		public void setLimit(@Nullable Integer limit) {
			this.limit = limit;
		}

		public @Nullable Duration getPeriod() {
			return this.period;
		}

		public void setPeriod(@Nullable Duration period) {
			this.period = period;
		}

	}

}

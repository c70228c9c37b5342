package dev.railtracks.durable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.context.DBOSContext;
import dev.dbos.transact.context.DBOSContextHolder;
import dev.dbos.transact.workflow.ListWorkflowsInput;
import dev.dbos.transact.workflow.WorkflowState;
import dev.dbos.transact.workflow.WorkflowStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queued child workflows one execution of a durable run waits for. One thread polls them all, with one query per
 * poll whatever their number (DBOS's own wait polls each workflow once a second), and watches the run itself: when the
 * run is cancelled (DBOS's {@code cancelWorkflow}), it cancels the children still waiting or running, so that none runs
 * for a run that will not use it, and releases their callers.
 */
final class ChildWorkflows {

	private static final Logger logger = LoggerFactory.getLogger(ChildWorkflows.class);

	/** How often the children's states are read while any is awaited. */
	static final Duration POLL_INTERVAL = Duration.ofMillis(100);

	private final DBOS dbos;

	private final String parent;

	/** The children awaited, each with what completes with its final state. */
	private final Map<String, CompletableFuture<WorkflowState>> awaited = new ConcurrentHashMap<>();

	/** Whether a thread polls. Guarded by this. */
	private boolean polling;

	ChildWorkflows(DBOS dbos, String parent) {
		this.dbos = dbos;
		this.parent = parent;
	}

	/**
	 * Waits until a child workflow has ended.
	 * @param child the child's workflow id
	 * @return its final state: {@code SUCCESS}, {@code ERROR}, {@code CANCELLED} or
	 * {@code MAX_RECOVERY_ATTEMPTS_EXCEEDED}
	 * @throws InterruptedException when this thread is interrupted
	 */
	WorkflowState await(String child) throws InterruptedException {
		CompletableFuture<WorkflowState> ended = new CompletableFuture<>();
		this.awaited.put(child, ended);
		try {
			startPolling();
			return ended.get();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Waiting for queued child workflow '" + child + "' failed", ex.getCause());
		}
		finally {
			this.awaited.remove(child, ended);
		}
	}

	private synchronized void startPolling() {
		if (!this.polling) {
			this.polling = true;
			Thread poller = new Thread(this::poll, "railtracks-queued-children-" + this.parent);
			poller.setDaemon(true);
			poller.start();
		}
	}

	/** Whether to poll again: not when nothing is awaited any more (then the next wait starts a poller). */
	private synchronized boolean keepPolling() {
		if (this.awaited.isEmpty()) {
			this.polling = false;
		}
		return this.polling;
	}

	private void poll() {
		// Outside the run's workflow: inside it, DBOS would record each listing as a step of the run.
		DBOSContextHolder.set(new DBOSContext());
		try {
			while (keepPolling()) {
				try {
					pollOnce();
				}
				catch (IllegalStateException ex) {
					// DBOS was shut down: no child of this execution will be seen to end here.
					stop(ex);
					return;
				}
				catch (RuntimeException ex) {
					// DBOS waits for a database that is away; anything else is logged and polled again.
					logger.warn("Could not read the queued children of durable run '{}': {}", this.parent, ex.toString());
				}
				Thread.sleep(POLL_INTERVAL.toMillis());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			stop(ex);
		}
	}

	/** Stops polling and fails the waits under way with the reason. */
	private void stop(Exception reason) {
		synchronized (this) {
			this.polling = false;
		}
		this.awaited.values().forEach((ended) -> ended.completeExceptionally(reason));
	}

	private void pollOnce() {
		List<String> ids = new ArrayList<>(this.awaited.keySet());
		ids.add(this.parent);
		boolean parentCancelled = false;
		for (WorkflowStatus status : this.dbos.listWorkflows(
				new ListWorkflowsInput(ids).withLoadInput(false).withLoadOutput(false))) {
			if (status.workflowId().equals(this.parent)) {
				parentCancelled = status.status() == WorkflowState.CANCELLED;
			}
			else if (!status.status().isActive()) {
				CompletableFuture<WorkflowState> ended = this.awaited.get(status.workflowId());
				if (ended != null) {
					ended.complete(status.status());
				}
			}
		}
		if (parentCancelled) {
			List<String> unfinished = new ArrayList<>(this.awaited.keySet());
			this.dbos.cancelWorkflows(unfinished);
			unfinished.forEach((child) -> {
				CompletableFuture<WorkflowState> ended = this.awaited.get(child);
				if (ended != null) {
					ended.complete(WorkflowState.CANCELLED);
				}
			});
		}
	}

}

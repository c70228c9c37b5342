package dev.railtracks.durable;

import java.time.Instant;

import dev.dbos.transact.workflow.WorkflowState;
import org.jspecify.annotations.Nullable;

/**
 * A durable run as {@link DurableRuns} lists it: one DBOS workflow of a durable flow.
 *
 * @param id the run's id: its idempotency key, DBOS workflow id and session id
 * @param flow the flow's name
 * @param status the run's DBOS status ({@code PENDING} while it runs or waits for recovery, {@code ENQUEUED} when
 * resumed or forked and not started yet, {@code SUCCESS}, {@code ERROR}, {@code CANCELLED}, ...)
 * @param executorId the executor id of the instance that ran it last, or {@code null}
 * @param startedAt when it was started (invoked or forked)
 * @param updatedAt when DBOS last changed its status
 * @param steps how many checkpoints of calls and model rounds it has (see {@link DurableRuns#steps})
 * @param error its failure, as the class name, {@code ": "} and the message, or {@code null}
 * @param forkedFrom the id of the run it was forked from, or {@code null}
 */
public record DurableRunInfo(String id, String flow, WorkflowState status, @Nullable String executorId,
		@Nullable Instant startedAt, @Nullable Instant updatedAt, int steps, @Nullable String error,
		@Nullable String forkedFrom) {

	/** What replaces a masked message. */
	static final String MASK = "******";

	/**
	 * This run with its error's message masked (its exception class kept), for readers not shown values: a failure's
	 * message may quote a node's inputs or a model's answer.
	 * @return this run, its error's message replaced by {@code ******}
	 */
	public DurableRunInfo masked() {
		return new DurableRunInfo(this.id, this.flow, this.status, this.executorId, this.startedAt, this.updatedAt,
				this.steps, masked(this.error), this.forkedFrom);
	}

	/** A failure ({@code class: message}) with its message masked. */
	static @Nullable String masked(@Nullable String failure) {
		if (failure == null) {
			return null;
		}
		int colon = failure.indexOf(": ");
		return (colon < 0) ? MASK : failure.substring(0, colon + 2) + MASK;
	}

}

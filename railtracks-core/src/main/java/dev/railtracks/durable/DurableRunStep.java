package dev.railtracks.durable;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One step of a durable run: a node call or a model round whose DBOS step was recorded.
 *
 * @param position where it is in the run: a call's path ({@code 0}, {@code 0.2}, {@code 0.2.1}, see
 * {@link dev.railtracks.NodeCall#callPath()}), or for a model round the agent call's path, {@code @} and the round
 * ({@code 0.2@1}); this is what {@link DurableRuns#fork} takes
 * @param node the node's (or, for a round, the agent's) name
 * @param stepNumber DBOS's number of the step in the run's workflow (its function id): the order steps started in
 * @param outcome how the step ended
 * @param failure the failure recorded, as the class name, {@code ": "} and the message, or {@code null}
 * @param startedAt when it started, or {@code null} when not recorded
 * @param completedAt when it ended, or {@code null} when not recorded
 */
public record DurableRunStep(String position, String node, int stepNumber, Outcome outcome, @Nullable String failure,
		@Nullable Instant startedAt, @Nullable Instant completedAt) {

	/**
	 * This step with its failure's message masked (its exception class kept), for readers not shown values.
	 * @return this step, its failure's message replaced by {@code ******}
	 */
	public DurableRunStep masked() {
		return new DurableRunStep(this.position, this.node, this.stepNumber, this.outcome,
				DurableRunInfo.masked(this.failure), this.startedAt, this.completedAt);
	}

	/** How a step ended. */
	public enum Outcome {

		/** The call returned: its result is checkpointed, and replayed on recovery. */
		COMPLETED,

		/** The call failed, and the failure is its checkpointed outcome: thrown again on recovery. */
		FAILED,

		/**
		 * The call failed in a way that is not its outcome (the run was ending, or the code must change): not
		 * checkpointed, it runs again on recovery.
		 */
		NOT_CHECKPOINTED

	}

}

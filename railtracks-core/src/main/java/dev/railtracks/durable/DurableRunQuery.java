package dev.railtracks.durable;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import dev.dbos.transact.workflow.WorkflowState;
import org.jspecify.annotations.Nullable;

/**
 * Which durable runs {@link DurableRuns#list} returns, newest first: every filter given must hold.
 *
 * <pre>{@code
 * durability.runs().list(DurableRunQuery.all().withStatus(WorkflowState.PENDING).withFlow("planner").withLimit(20));
 * }</pre>
 *
 * @param statuses the statuses a run may have; empty for any
 * @param flow the flow's name, or {@code null} for any flow
 * @param executorId the executor id a run last ran on, or {@code null} for any
 * @param startedAfter the earliest start, inclusive, or {@code null}
 * @param startedBefore the latest start, inclusive, or {@code null}
 * @param limit the most runs returned, 1 to {@value #MAX_LIMIT}
 */
public record DurableRunQuery(Set<WorkflowState> statuses, @Nullable String flow, @Nullable String executorId,
		@Nullable Instant startedAfter, @Nullable Instant startedBefore, int limit) {

	/** The most runs one query returns. */
	public static final int MAX_LIMIT = 1000;

	/** The limit of {@link #all()}. */
	public static final int DEFAULT_LIMIT = 100;

	/**
	 * A query.
	 * @param statuses the statuses a run may have; empty for any
	 * @param flow the flow's name, or {@code null} for any flow
	 * @param executorId the executor id a run last ran on, or {@code null} for any
	 * @param startedAfter the earliest start, inclusive, or {@code null}
	 * @param startedBefore the latest start, inclusive, or {@code null}
	 * @param limit the most runs returned, 1 to {@value #MAX_LIMIT}
	 * @throws IllegalArgumentException when the limit is out of range or {@code statuses} is {@code null}
	 */
	public DurableRunQuery {
		if (statuses == null) {
			throw new IllegalArgumentException("A durable run query's statuses must not be null (empty for any status)");
		}
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new IllegalArgumentException(
					"A durable run query's limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
		}
		statuses = Set.copyOf(statuses);
	}

	/**
	 * Every run, the newest {@value #DEFAULT_LIMIT}.
	 * @return the query
	 */
	public static DurableRunQuery all() {
		return new DurableRunQuery(Set.of(), null, null, null, null, DEFAULT_LIMIT);
	}

	/**
	 * This query for runs with one of these statuses.
	 * @param statuses the statuses; none for any
	 * @return the new query
	 */
	public DurableRunQuery withStatus(WorkflowState... statuses) {
		return new DurableRunQuery(Set.copyOf(List.of(statuses)), this.flow, this.executorId, this.startedAfter,
				this.startedBefore, this.limit);
	}

	/**
	 * This query for the runs of one flow.
	 * @param flow the flow's name, or {@code null} for any
	 * @return the new query
	 */
	public DurableRunQuery withFlow(@Nullable String flow) {
		return new DurableRunQuery(this.statuses, flow, this.executorId, this.startedAfter, this.startedBefore,
				this.limit);
	}

	/**
	 * This query for the runs an executor id ran last.
	 * @param executorId the executor id, or {@code null} for any
	 * @return the new query
	 */
	public DurableRunQuery withExecutorId(@Nullable String executorId) {
		return new DurableRunQuery(this.statuses, this.flow, executorId, this.startedAfter, this.startedBefore,
				this.limit);
	}

	/**
	 * This query for the runs started in a time range.
	 * @param after the earliest start, inclusive, or {@code null}
	 * @param before the latest start, inclusive, or {@code null}
	 * @return the new query
	 */
	public DurableRunQuery withStartedBetween(@Nullable Instant after, @Nullable Instant before) {
		return new DurableRunQuery(this.statuses, this.flow, this.executorId, after, before, this.limit);
	}

	/**
	 * This query returning at most this many runs.
	 * @param limit 1 to {@value #MAX_LIMIT}
	 * @return the new query
	 */
	public DurableRunQuery withLimit(int limit) {
		return new DurableRunQuery(this.statuses, this.flow, this.executorId, this.startedAfter, this.startedBefore,
				limit);
	}

}

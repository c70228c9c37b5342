package dev.railtracks.autoconfigure.actuate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import dev.dbos.transact.workflow.WorkflowState;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

import dev.railtracks.durable.DurableRunInfo;
import dev.railtracks.durable.DurableRunQuery;
import dev.railtracks.durable.DurableRunStep;
import dev.railtracks.durable.DurableRuns;

/**
 * The {@code railtracksdurable} actuator endpoint: the durable runs of the fleet sharing this application's DBOS
 * database, and the operations on them.
 * <ul>
 * <li>{@code GET /actuator/railtracksdurable?status=PENDING,ERROR&flow=planner&executorId=trips-1&startedAfter=...&limit=50}
 * lists runs, newest first;</li>
 * <li>{@code GET /actuator/railtracksdurable/{runId}} returns a run and its steps (404 for an unknown run);</li>
 * <li>{@code POST /actuator/railtracksdurable/{runId}/cancel}, {@code .../resume}, and {@code .../fork} with
 * {@code {"position": "0.2.1"}} (and optionally {@code "newRunId"}) cancel, resume or fork a run;</li>
 * <li>{@code POST /actuator/railtracksdurable} with {@code {"executorId": "trips-2"}} recovers the pending runs of an
 * executor that is gone.</li>
 * </ul>
 * Its default access is read-only: the write operations need
 * {@code management.endpoint.railtracksdurable.access=unrestricted} (and, as every actuator operation, the exposure and
 * the security the application gives the actuator). A bad request (an unknown run, a position the run does not have,
 * a finished run to resume) is a 400 whose message names the run and what is wrong. The messages of runs' and steps'
 * failures are masked (their exception class kept) under {@code railtracks.endpoint.show-values} and
 * {@code railtracks.endpoint.roles}, as the {@code railtracks} endpoint masks values.
 */
@Endpoint(id = "railtracksdurable", defaultAccess = Access.READ_ONLY)
public class RailtracksDurableEndpoint {

	private final DurableRuns runs;

	private final Show showValues;

	private final Set<String> roles;

	/**
	 * An endpoint over the durable runs of one DBOS database that masks failures' messages.
	 * @param runs the runs' operations
	 */
	public RailtracksDurableEndpoint(DurableRuns runs) {
		this(runs, Show.NEVER, Set.of());
	}

	/**
	 * An endpoint over the durable runs of one DBOS database.
	 * @param runs the runs' operations
	 * @param showValues when the messages of failures are shown (else masked, their exception class kept)
	 * @param roles roles that may see them when {@code showValues} is {@link Show#WHEN_AUTHORIZED}
	 */
	public RailtracksDurableEndpoint(DurableRuns runs, Show showValues, Set<String> roles) {
		this.runs = runs;
		this.showValues = showValues;
		this.roles = Set.copyOf(roles);
	}

	/**
	 * The durable runs a query selects, newest first.
	 * @param securityContext who is asking, to decide whether failures' messages are shown
	 * @param status the statuses a run may have, comma-separated ({@code PENDING}, {@code ENQUEUED}, {@code SUCCESS},
	 * {@code ERROR}, {@code CANCELLED}, ...), or {@code null} for any
	 * @param flow a flow's name, or {@code null} for any
	 * @param executorId the executor id a run last ran on, or {@code null} for any
	 * @param startedAfter the earliest start (ISO-8601), or {@code null}
	 * @param startedBefore the latest start (ISO-8601), or {@code null}
	 * @param limit the most runs, 1 to 1000 (100 when not given)
	 * @return the runs
	 */
	@ReadOperation
	public DurableRunsDescriptor runs(SecurityContext securityContext, @Nullable String status, @Nullable String flow, @Nullable String executorId,
			@Nullable Instant startedAfter, @Nullable Instant startedBefore, @Nullable Integer limit) {
		return request(() -> {
			DurableRunQuery query = DurableRunQuery.all()
				.withStatus(statuses(status))
				.withFlow(flow)
				.withExecutorId(executorId)
				.withStartedBetween(startedAfter, startedBefore);
			List<DurableRunInfo> listed = this.runs.list((limit != null) ? query.withLimit(limit) : query);
			return new DurableRunsDescriptor(shown(securityContext) ? listed
					: listed.stream().map(DurableRunInfo::masked).toList());
		});
	}

	/**
	 * A durable run and its steps.
	 * @param securityContext who is asking, to decide whether failures' messages are shown
	 * @param runId the run's id
	 * @return the run, or {@code null} (404) when no durable flow has a run with that id
	 */
	@ReadOperation
	public @Nullable DurableRunDescriptor run(SecurityContext securityContext, @Selector String runId) {
		boolean shown = shown(securityContext);
		return request(() -> this.runs.find(runId)
			.map((run) -> (shown) ? new DurableRunDescriptor(run, this.runs.steps(runId))
					: new DurableRunDescriptor(run.masked(),
							this.runs.steps(runId).stream().map(DurableRunStep::masked).toList()))
			.orElse(null));
	}

	/**
	 * Cancels, resumes or forks a durable run.
	 * @param runId the run's id
	 * @param operation {@code cancel}, {@code resume} or {@code fork}
	 * @param position for {@code fork}: the position of the call to run again from ({@code 0.2.1})
	 * @param newRunId for {@code fork}: the new run's id, or {@code null} for a random one
	 * @return the operation and the run it concerns (for a fork, the new run)
	 */
	@WriteOperation
	public DurableOperationDescriptor operate(@Selector String runId, @Selector String operation,
			@Nullable String position, @Nullable String newRunId) {
		return request(() -> switch (operation) {
			case "cancel" -> {
				this.runs.cancel(runId);
				yield new DurableOperationDescriptor(operation, List.of(runId));
			}
			case "resume" -> {
				this.runs.resume(runId);
				yield new DurableOperationDescriptor(operation, List.of(runId));
			}
			case "fork" -> {
				if (position == null) {
					throw new IllegalArgumentException("Forking durable run '" + runId + "' needs the position of the "
							+ "call to run again from, such as {\"position\": \"0.2.1\"}");
				}
				String forked = (newRunId != null) ? this.runs.fork(runId, position, newRunId)
						: this.runs.fork(runId, position);
				yield new DurableOperationDescriptor(operation, List.of(forked));
			}
			default -> throw new IllegalArgumentException("Unknown operation '" + operation + "' on durable run '"
					+ runId + "': use cancel, resume or fork");
		});
	}

	/**
	 * Recovers the pending runs of an executor that is gone: they are queued again and any instance runs them.
	 * @param executorId the gone instance's executor id
	 * @return the runs handed over
	 */
	@WriteOperation
	public DurableOperationDescriptor recover(String executorId) {
		return request(() -> new DurableOperationDescriptor("recover", this.runs.recover(executorId)));
	}

	private boolean shown(SecurityContext securityContext) {
		return this.showValues.isShown(securityContext, this.roles);
	}

	private static WorkflowState[] statuses(@Nullable String statuses) {
		List<WorkflowState> parsed = new ArrayList<>();
		if (statuses != null) {
			for (String status : statuses.split(",")) {
				String name = status.trim().toUpperCase(Locale.ROOT);
				try {
					parsed.add(WorkflowState.valueOf(name));
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalArgumentException("Unknown durable run status '" + status.trim() + "': use "
							+ List.of(WorkflowState.values()), ex);
				}
			}
		}
		return parsed.toArray(WorkflowState[]::new);
	}

	/** Runs a request; a bad one (an unknown run, a position it lacks, a finished run to resume) is a 400. */
	private static <T> T request(Supplier<T> operation) {
		try {
			return operation.get();
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			String message = String.valueOf(ex.getMessage());
			throw new InvalidEndpointRequestException(message, message);
		}
	}

}

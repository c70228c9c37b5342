package dev.railtracks.durable;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.execution.DBOSExecutor;
import dev.dbos.transact.workflow.ErrorResult;
import dev.dbos.transact.workflow.ForkOptions;
import dev.dbos.transact.workflow.ListWorkflowsInput;
import dev.dbos.transact.workflow.StepInfo;
import dev.dbos.transact.workflow.WorkflowState;
import dev.dbos.transact.workflow.WorkflowStatus;
import dev.railtracks.ExecutorConfig;
import org.jspecify.annotations.Nullable;

/**
 * Operations on the durable runs in a DBOS system database, across the fleet that shares it: list runs and their steps,
 * cancel a run, resume one, fork a run from one of its calls, and recover the runs an executor left unfinished. Only
 * the runs of durable Railtracks flows are listed and operated on; a run is named by its id (its idempotency key), a
 * call by its position in the run ({@code 0.2.1}). Made by {@link Durability#runs()}; usable once DBOS is launched.
 *
 * <pre>{@code
 * DurableRuns runs = durability.runs();
 * runs.list(DurableRunQuery.all().withStatus(WorkflowState.ERROR));
 * String fork = runs.fork("order-4711", "0.2"); // runs it again from its third call, with today's code
 * planner.result(fork);
 * }</pre>
 */
public final class DurableRuns {

	/** The name of a Railtracks call's or model round's step: its position, a space and the node's name. */
	private static final Pattern STEP_NAME = Pattern.compile("(\\d+(?:\\.\\d+)*(?:@\\d+)?) (.+)");

	/** A call's position, or a model round's. */
	private static final Pattern POSITION = Pattern.compile("\\d+(?:\\.\\d+)*(?:@\\d+)?");

	/** How many positions a message lists at most. */
	private static final int POSITIONS_NAMED = 20;

	/** DBOS's accessor of a launched instance's executor, which knows the instance's application version. */
	private static final @Nullable Method EXECUTOR = executorAccessor();

	private final DBOS dbos;

	DurableRuns(DBOS dbos) {
		this.dbos = dbos;
	}

	/**
	 * The runs of durable flows a query selects, newest first.
	 * @param query the filters and the limit
	 * @return the runs
	 */
	public List<DurableRunInfo> list(DurableRunQuery query) {
		Objects.requireNonNull(query, "query");
		ListWorkflowsInput input = new ListWorkflowsInput().withClassName(Durability.WORKFLOW_CLASS)
			.withSortDesc(true)
			.withLimit(query.limit())
			.withLoadInput(false)
			.withStartTime(query.startedAfter())
			.withEndTime(query.startedBefore());
		if (!query.statuses().isEmpty()) {
			input = input.withStatus(List.copyOf(query.statuses()));
		}
		if (query.flow() != null) {
			input = input.withWorkflowName(query.flow());
		}
		if (query.executorId() != null) {
			input = input.withExecutorIds(query.executorId());
		}
		return this.dbos.listWorkflows(input).stream().map(this::describe).toList();
	}

	/**
	 * A run.
	 * @param runId the run's id
	 * @return the run, or empty when no durable flow has a run with that id
	 * @throws IllegalArgumentException when {@code runId} cannot be a run id
	 */
	public Optional<DurableRunInfo> find(String runId) {
		return status(runId).map(this::describe);
	}

	/**
	 * A run's steps: its checkpointed calls and model rounds, in the order they started, including those an earlier
	 * execution recorded (and, for a fork, those copied from the run it was forked from).
	 * @param runId the run's id
	 * @return the steps
	 * @throws IllegalArgumentException when no durable flow has a run with that id
	 */
	public List<DurableRunStep> steps(String runId) {
		required(runId);
		return railtracksSteps(runId);
	}

	/**
	 * Cancels a run that has not finished: it stops at its next call (the call under way completes), and its status
	 * is {@code CANCELLED} until it is {@link #resume resumed}. Cancelling a cancelled run does nothing.
	 * @param runId the run's id
	 * @throws IllegalArgumentException when no durable flow has a run with that id
	 * @throws IllegalStateException when the run has finished
	 */
	public void cancel(String runId) {
		WorkflowStatus status = required(runId);
		if (finished(status)) {
			throw new IllegalStateException("Durable run '" + runId + "' has finished (" + status.status()
					+ "): there is nothing to cancel");
		}
		this.dbos.cancelWorkflow(runId);
	}

	/**
	 * Resumes a cancelled run, or one that exceeded its recovery attempts: it is queued, and the next instance free to
	 * take it runs it again from the top, its completed calls replayed from their checkpoints.
	 * @param runId the run's id
	 * @throws IllegalArgumentException when no durable flow has a run with that id
	 * @throws IllegalStateException when the run has finished (fork it instead), is running ({@code PENDING}: an
	 * executor is running it, or died and is recovered by {@link #recover}), or is of another application version
	 * than this instance's (only an instance of its version runs it: fork it to run it with this one's code)
	 */
	public void resume(String runId) {
		WorkflowStatus status = required(runId);
		if (finished(status)) {
			throw new IllegalStateException("Durable run '" + runId + "' has finished (" + status.status()
					+ ") and cannot be resumed: fork it from one of its calls to run it again");
		}
		if (status.status() == WorkflowState.PENDING) {
			throw new IllegalStateException("Durable run '" + runId + "' is running on executor '"
					+ status.executorId() + "': cancel it before resuming it, or, if that executor is gone, recover "
					+ "its runs");
		}
		requireThisVersion(status, "resumed");
		this.dbos.resumeWorkflow(runId);
	}

	/**
	 * Forks a run from one of its calls, under a new random id; see {@link #fork(String, String, String)}.
	 * @param runId the run's id
	 * @param position the position of the call (or model round) to run again from, as {@link #steps} lists them
	 * @return the new run's id
	 */
	public String fork(String runId, String position) {
		return fork(runId, position, UUID.randomUUID().toString());
	}

	/**
	 * Forks a run from one of its calls: a new run of the same flow with the same arguments, with today's code, in
	 * which (under this instance's application version, whatever the original run's) the calls and model rounds that
	 * started before that call (and are not among the calls enclosing it)
	 * return their recorded results without running, marked {@code replayed}, and that call, the calls enclosing it
	 * and every later one run again. The run forked from is left as it is. Wait for the new run with
	 * {@link DurableFlow#result}.
	 * @param runId the run's id
	 * @param position the position of the call (or model round) to run again from, as {@link #steps} lists them:
	 * {@code 0} runs the whole run again
	 * @param newRunId the new run's id
	 * @return the new run's id
	 * @throws IllegalArgumentException when no durable flow has a run with that id, the run has no step at that
	 * position, or {@code newRunId} is not a valid run id or is taken
	 */
	public String fork(String runId, String position, String newRunId) {
		required(runId);
		if (position == null || !POSITION.matcher(position).matches()) {
			throw new IllegalArgumentException("A durable run is forked from a call's position such as 0.2.1 (or a "
					+ "model round's, such as 0.2@1), got '" + position + "'");
		}
		if (newRunId == null || !ExecutorConfig.isRunIdentifier(newRunId)) {
			throw new IllegalArgumentException("The id of a run forked from '" + runId + "' must be 1-128 letters, "
					+ "digits, '.', '_' or '-' starting with a letter or digit, but was '" + newRunId + "'");
		}
		if (this.dbos.getWorkflowStatus(newRunId).isPresent()) {
			throw new IllegalArgumentException("Cannot fork durable run '" + runId + "' as '" + newRunId
					+ "': a run with that id exists");
		}
		List<DurableRunStep> steps = railtracksSteps(runId);
		int start = steps.stream()
			.filter((step) -> step.position().equals(position))
			.mapToInt(DurableRunStep::stepNumber)
			.min()
			.orElseThrow(() -> new IllegalArgumentException("Durable run '" + runId + "' has no call at position '"
					+ position + "'; its steps are at " + positions(steps)));
		// DBOS copies the steps numbered below the start; the new run drops those of the calls enclosing the fork
		// point, which started before it but lack the calls made from it on (see DurableRun).
		// Under this instance's application version: under the original run's, no instance of today's code runs it.
		this.dbos.forkWorkflow(runId, start, new ForkOptions(newRunId).withApplicationVersion(applicationVersion()));
		return newRunId;
	}

	/**
	 * Recovers the runs an executor left unfinished, for a fleet without a coordinator: when an instance is gone for
	 * good (its executor id will not launch again), another instance hands its pending runs over to the fleet. Each
	 * run (every pending DBOS workflow of that executor id, a durable queue's children included) is queued again on
	 * its own queue, and any instance of the same application version runs it from the top, its completed calls
	 * replayed. Only for an executor that is gone: a run its executor is still running would run twice at once.
	 * @param executorId the executor id of the instance that is gone
	 * @return the ids of the runs handed over
	 * @throws IllegalArgumentException when {@code executorId} is blank or is this instance's own (it recovers its
	 * own runs when it launches)
	 * @throws IllegalStateException when a pending run of that executor is of another application version than this
	 * instance's: no run is handed over (only instances of that version run them; recover them from one of those)
	 */
	public List<String> recover(String executorId) {
		if (executorId == null || executorId.isBlank()) {
			throw new IllegalArgumentException("Recovering durable runs needs the executor id of the instance that is "
					+ "gone, got '" + executorId + "'");
		}
		if (executorId.equals(this.dbos.integration().config().executorId())) {
			throw new IllegalArgumentException("'" + executorId + "' is this instance's own executor id: its runs are "
					+ "recovered when it launches, and the pending ones are running here");
		}
		List<WorkflowStatus> pending = this.dbos.listWorkflows(new ListWorkflowsInput().withStatus(WorkflowState.PENDING)
			.withExecutorIds(executorId)
			.withLoadInput(false)
			.withLoadOutput(false));
		String version = applicationVersion();
		List<String> otherVersion = pending.stream()
			.filter((status) -> !version.equals(status.appVersion()))
			.map((status) -> status.workflowId() + " (" + status.appVersion() + ")")
			.toList();
		if (!otherVersion.isEmpty()) {
			throw new IllegalStateException("Cannot recover the runs of executor '" + executorId + "' here: "
					+ "this instance's application version is '" + version + "', and only an instance of a run's own "
					+ "version runs it; of another version: " + String.join(", ", otherVersion));
		}
		// Queued again on the queue each came from (DBOS's internal queue for runs started directly).
		Map<String, List<String>> byQueue = pending.stream()
			.collect(Collectors.groupingBy((status) -> Objects.requireNonNullElse(status.queueName(), ""),
					LinkedHashMap::new, Collectors.mapping(WorkflowStatus::workflowId, Collectors.toList())));
		byQueue.forEach((queue, ids) -> this.dbos.resumeWorkflows(ids, queue.isEmpty() ? null : queue));
		return pending.stream().map(WorkflowStatus::workflowId).toList();
	}

	private DurableRunInfo describe(WorkflowStatus status) {
		return new DurableRunInfo(status.workflowId(), status.workflowName(), status.status(), status.executorId(),
				status.createdAt(), status.updatedAt(), railtracksSteps(status.workflowId()).size(),
				text(status.error()), status.forkedFrom());
	}

	private List<DurableRunStep> railtracksSteps(String runId) {
		List<DurableRunStep> steps = new ArrayList<>();
		for (StepInfo step : this.dbos.listWorkflowSteps(runId)) {
			Matcher name = STEP_NAME.matcher(String.valueOf(step.functionName()));
			if (!name.matches()) {
				continue; // a step DBOS took for itself, not a call's
			}
			Checkpoint checkpoint = Checkpoint.of(step);
			DurableRunStep.Outcome outcome;
			String failure;
			if (checkpoint == null) {
				outcome = DurableRunStep.Outcome.NOT_CHECKPOINTED;
				failure = text(step.error());
			}
			else if (checkpoint.failed()) {
				outcome = DurableRunStep.Outcome.FAILED;
				failure = checkpoint.failure()
						+ ((checkpoint.failureMessage() != null) ? ": " + checkpoint.failureMessage() : "");
			}
			else {
				outcome = DurableRunStep.Outcome.COMPLETED;
				failure = null;
			}
			steps.add(new DurableRunStep(name.group(1), name.group(2), step.functionId(), outcome, failure,
					step.startedAt(), step.completedAt()));
		}
		steps.sort(Comparator.comparingInt(DurableRunStep::stepNumber));
		return steps;
	}

	/** The status of a durable flow's run. */
	private Optional<WorkflowStatus> status(String runId) {
		if (runId == null || !ExecutorConfig.isRunIdentifier(runId)) {
			throw new IllegalArgumentException("'" + runId + "' is not a durable run id: 1-128 letters, digits, '.', "
					+ "'_' or '-' starting with a letter or digit");
		}
		return this.dbos.getWorkflowStatus(runId)
			.filter((status) -> Durability.WORKFLOW_CLASS.equals(status.className()));
	}

	private WorkflowStatus required(String runId) {
		return status(runId).orElseThrow(
				() -> new IllegalArgumentException("No durable flow has a run with id '" + runId + "'"));
	}

	/**
	 * Refuses to hand a run to the fleet when this instance is of another application version: DBOS gives a run only
	 * to instances of its own version, and it would wait for one, perhaps for ever.
	 */
	private void requireThisVersion(WorkflowStatus status, String operation) {
		String version = applicationVersion();
		if (!version.equals(status.appVersion())) {
			throw new IllegalStateException("Durable run '" + status.workflowId() + "' is of application version '"
					+ status.appVersion() + "' and this instance's is '" + version + "': it cannot be " + operation
					+ " here, only an instance of its own version runs it; fork it to run it with this instance's code");
		}
	}

	/** This instance's DBOS application version: the configured one, or the one DBOS computed at launch. */
	private String applicationVersion() {
		if (EXECUTOR != null) {
			try {
				Object executor = EXECUTOR.invoke(this.dbos);
				if (executor instanceof DBOSExecutor launched && launched.appVersion() != null) {
					return launched.appVersion();
				}
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				// Read from the configuration below.
			}
		}
		String configured = this.dbos.integration().config().appVersion();
		if (configured != null) {
			return configured;
		}
		throw new IllegalStateException("This instance's DBOS application version is unknown: launch DBOS first, or "
				+ "configure the version (DBOSConfig.withAppVersion)");
	}

	private static @Nullable Method executorAccessor() {
		try {
			Method executor = DBOS.class.getDeclaredMethod("getDbosExecutor");
			executor.setAccessible(true);
			return executor;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

	private static boolean finished(WorkflowStatus status) {
		return status.status() == WorkflowState.SUCCESS || status.status() == WorkflowState.ERROR;
	}

	private static @Nullable String text(@Nullable ErrorResult error) {
		if (error == null) {
			return null;
		}
		return error.className() + ((error.message() != null) ? ": " + error.message() : "");
	}

	private static String positions(List<DurableRunStep> steps) {
		List<String> positions = steps.stream().map(DurableRunStep::position).distinct().toList();
		String named = String.join(", ", positions.subList(0, Math.min(POSITIONS_NAMED, positions.size())));
		return positions.isEmpty() ? "none" : (positions.size() > POSITIONS_NAMED) ? named + ", ..." : named;
	}

}

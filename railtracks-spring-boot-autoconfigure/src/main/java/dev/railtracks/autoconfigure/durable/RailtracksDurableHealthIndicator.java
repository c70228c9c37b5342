package dev.railtracks.autoconfigure.durable;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.workflow.ListWorkflowsInput;
import dev.dbos.transact.workflow.WorkflowState;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code railtracksDurable} health contributor: {@code UP} when DBOS is launched and its system database answers,
 * {@code DOWN} with the reason otherwise. Details: {@code executorId} (this instance's) and {@code pending} (the
 * unfinished runs of this executor id, running or waiting for recovery; counted up to {@value #COUNTED}).
 */
public class RailtracksDurableHealthIndicator extends AbstractHealthIndicator {

	/** Beyond this many pending runs the count stops: a health check reads no more rows than that. */
	static final int COUNTED = 1000;

	private final DBOS dbos;

	private final String executorId;

	/**
	 * A contributor for a DBOS instance.
	 * @param dbos the instance
	 * @param executorId its executor id
	 */
	public RailtracksDurableHealthIndicator(DBOS dbos, String executorId) {
		super("Railtracks durable flows health check failed");
		this.dbos = dbos;
		this.executorId = executorId;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("executorId", this.executorId);
		int pending = this.dbos.listWorkflows(new ListWorkflowsInput().withStatus(WorkflowState.PENDING)
			.withExecutorIds(this.executorId)
			.withLoadInput(false)
			.withLoadOutput(false)
			.withLimit(COUNTED)).size();
		builder.withDetail("pending", pending).up();
	}

}

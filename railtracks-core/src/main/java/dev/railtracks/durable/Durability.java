package dev.railtracks.durable;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.execution.RegisteredWorkflow;
import dev.dbos.transact.workflow.WorkflowState;
import dev.dbos.transact.workflow.WorkflowStatus;
import dev.railtracks.Flow;
import dev.railtracks.HumanAnswer;
import dev.railtracks.HumanAnswerRefusedException;
import dev.railtracks.HumanRequests;
import dev.railtracks.agent.ModelMiddleware;
import org.jspecify.annotations.Nullable;

/**
 * Durable flows on one DBOS instance (and so one PostgreSQL system database and one executor id): register the
 * flows, then {@link #launch()}. Launching recovers the runs this executor id left unfinished, so register every
 * durable flow the application has before it. The DBOS instance stays the caller's: configure it (database,
 * application name, executor id) and shut it down after the flows' last use.
 *
 * <pre>{@code
 * DBOS dbos = new DBOS(DBOSConfig.defaults("trips").withDatabaseUrl(url).withDbUser(user).withDbPassword(password)
 *     .withExecutorId("trips-1"));
 * Durability durability = Durability.on(dbos);
 * DurableFlow<Plan> planner = durability.register(Flow.of("planner", PLAN));
 * durability.launch();
 * }</pre>
 *
 * <p>Each registered flow is a DBOS workflow named after the flow; its node calls are DBOS steps (see
 * docs/durable.md for the design, the determinism rules and the cost).
 */
public final class Durability {

	/** The DBOS class name of every flow's workflow. */
	static final String WORKFLOW_CLASS = "dev.railtracks.Flow";

	private final DBOS dbos;

	private final ValueCodec codec;

	private final DurableCalls calls;

	/** The names of the registered flows, guarded by itself. */
	private final Set<String> flows = new HashSet<>();

	/** Where the registered flows' runs list their questions for a person in this JVM. */
	private final Set<HumanRequests> humanRequests = new CopyOnWriteArraySet<>();

	private Durability(DBOS dbos) {
		this.dbos = dbos;
		this.codec = new ValueCodec();
		this.calls = new DurableCalls(this.codec);
	}

	/**
	 * Durable flows on a DBOS instance that is not launched yet.
	 * @param dbos the instance
	 * @return the durability
	 * @throws IllegalArgumentException when {@code dbos} is {@code null}
	 */
	public static Durability on(DBOS dbos) {
		if (dbos == null) {
			throw new IllegalArgumentException("Durability needs a DBOS instance, got null");
		}
		return new Durability(dbos);
	}

	/**
	 * Allows the values of durable calls (arguments, results) to have the types of these packages and their
	 * sub-packages. A checkpoint read back may only hold the JDK's value types (strings, numbers, {@code java.time},
	 * {@code java.util} collections and maps, ...) and types of {@code dev.railtracks}: an allow-list, so that whoever
	 * can write DBOS's tables cannot have arbitrary classes created. Call it before {@link #launch()} with the
	 * packages of the records your nodes take and return.
	 * @param packages the packages, such as {@code com.example.trips}
	 * @return this
	 */
	public Durability allowValuePackages(String... packages) {
		for (String name : packages) {
			if (name == null || name.isBlank() || name.startsWith(".")) {
				throw new IllegalArgumentException("A package allowed for durable values must be a package name, got '"
						+ name + "'");
			}
		}
		this.codec.allowPackages(List.of(packages));
		return this;
	}

	/**
	 * Makes a flow durable: registers it as a DBOS workflow named after the flow, with the checkpointing of its node
	 * calls as its sessions' innermost session middleware (inside the flow's own, outside each node definition's).
	 * @param <O> the flow's result type
	 * @param flow the flow
	 * @return the durable flow
	 * @throws IllegalArgumentException when a flow of that name is registered already
	 * @throws IllegalStateException when DBOS is launched already (recovery needs every workflow before launch)
	 */
	public <O> DurableFlow<O> register(Flow<O> flow) {
		if (flow == null) {
			throw new IllegalArgumentException("Durability.register needs a flow, got null");
		}
		Flow<O> checkpointed = Flow.builder(flow.name(), flow.entryPoint())
			.config(flow.config())
			.context(flow.context())
			.addNodeMiddleware(this.calls)
			.build();
		FlowWorkflow target = new FlowWorkflow(checkpointed, this.dbos, this.calls, this.codec);
		RegisteredWorkflow workflow;
		synchronized (this.flows) {
			if (this.flows.contains(flow.name())) {
				throw new IllegalArgumentException("A durable flow named '" + flow.name()
						+ "' is registered already: a flow's name is its DBOS workflow name, so it must be unique");
			}
			try {
				workflow = this.dbos.integration()
					.registerWorkflow(flow.name(), WORKFLOW_CLASS, null, target, FlowWorkflow.RUN, null, null);
			}
			catch (IllegalStateException ex) {
				throw new IllegalStateException("Durable flow '" + flow.name() + "' must be registered before DBOS is "
						+ "launched: launching recovers unfinished runs, which needs every flow", ex);
			}
			this.flows.add(flow.name());
		}
		this.humanRequests.add(flow.config().humanRequests());
		return new DurableFlow<>(flow, this.dbos, workflow, this.codec);
	}

	/**
	 * The model middleware that checkpoints the model rounds of agents in durable runs: add it to every agent of a
	 * durable flow ({@code Agent.builder(...).modelMiddleware(durability.modelRounds())}), so that an agent call running
	 * again on recovery does not call the model again for the rounds it had completed. It does nothing outside durable
	 * runs, so an agent shared with other flows can keep it.
	 * @return the middleware (one instance for all)
	 */
	public ModelMiddleware modelRounds() {
		return DurableModelRounds.INSTANCE;
	}

	/**
	 * Answers a question or approval a durable run waits for, wherever it waits: a request waiting in this JVM is
	 * answered through its registry (its answer type checked, the first answer winning); any other request of a run
	 * that has not finished is sent its answer as a DBOS notification, which resumes the run on the instance that runs
	 * it, or once it is recovered if none does. DBOS keeps the first answer sent to a request and drops the others.
	 * @param runId the run's id (its idempotency key)
	 * @param requestId the request's id ({@code human-<position>})
	 * @param answer the answer; it must be checkpointable
	 * @param answeredBy who answers, or {@code null} when unknown
	 * @return the answer sent
	 * @throws HumanAnswerRefusedException when no run has that id or it has finished, or (for a request waiting here)
	 * the request is closed or the answer has the wrong type
	 * @throws UncheckpointableValueException when the answer cannot be checkpointed
	 */
	public HumanAnswer answer(String runId, String requestId, @Nullable Object answer, @Nullable String answeredBy) {
		for (HumanRequests requests : this.humanRequests) {
			if (requests.pending(runId, requestId).isPresent()) {
				return requests.answer(runId, requestId, answer, answeredBy);
			}
		}
		WorkflowState state = this.dbos.getWorkflowStatus(runId)
			.map(WorkflowStatus::status)
			.orElseThrow(() -> new HumanAnswerRefusedException(HumanAnswerRefusedException.Reason.UNKNOWN_REQUEST,
					"No durable run '" + runId + "' exists, so it has no request '" + requestId + "'"));
		if (state != WorkflowState.PENDING && state != WorkflowState.ENQUEUED) {
			throw new HumanAnswerRefusedException(HumanAnswerRefusedException.Reason.CLOSED,
					"Durable run '" + runId + "' is " + state + ", so its request '" + requestId + "' is closed");
		}
		HumanAnswer sent = new HumanAnswer(answer, answeredBy, Instant.now());
		DurableHumanWait.send(this.dbos, this.codec, runId, requestId, sent);
		return sent;
	}

	/**
	 * Launches DBOS, which recovers the unfinished runs of its executor id (they run again from the top, their
	 * completed calls replayed from their checkpoints).
	 */
	public void launch() {
		this.dbos.launch();
	}

	/**
	 * The DBOS instance, for what DBOS offers beyond running flows: listing, cancelling, resuming and forking runs
	 * (their workflow ids are their idempotency keys), and recovering another executor's runs.
	 * @return the instance
	 */
	public DBOS dbos() {
		return this.dbos;
	}

}

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
import dev.railtracks.ExecutorConfig;
import dev.railtracks.Flow;
import dev.railtracks.HumanAnswer;
import dev.railtracks.HumanAnswerRefusedException;
import dev.railtracks.HumanRequests;
import dev.railtracks.NodeDefinition;
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

	/**
	 * The longest checkpoint by default, in characters: a call's arguments, or its result, written as JSON (16 million,
	 * as the JDBC session store's largest document).
	 */
	public static final int DEFAULT_MAX_CHECKPOINT_CHARS = 16_000_000;

	/** The DBOS class name of the workflows of nodes sent through durable queues. */
	static final String NODE_WORKFLOW_CLASS = "dev.railtracks.Node";

	/**
	 * The context variable ({@code true}) of a durable run's session that continues the run: recovered after a crash
	 * or by another executor, resumed, or forked from another run's call. Its root call also records the detail
	 * {@code recovered: true} ({@code details.internals} in the saved state). Absent in a run's first execution.
	 */
	public static final String RECOVERED = "railtracks.durable.recovered";

	private final DBOS dbos;

	private final ValueCodec codec;

	private final DurableCalls calls;

	private final DurableRuns runs;

	/** The names of the registered flows, guarded by itself. */
	private final Set<String> flows = new HashSet<>();

	private final DurableQueues queues;
	/** Where the registered flows' runs list their questions for a person in this JVM. */
	private final Set<HumanRequests> humanRequests = new CopyOnWriteArraySet<>();

	private Durability(DBOS dbos) {
		this.dbos = dbos;
		this.codec = new ValueCodec();
		this.queues = new DurableQueues();
		this.calls = new DurableCalls(this.codec, this.queues);
		this.runs = new DurableRuns(dbos);
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
	 * Sets the longest checkpoint: a call's arguments, or its result (also a flow's, or a model round's messages or
	 * answer), written as JSON. A longer one fails the call when it is made, with an
	 * {@link UncheckpointableValueException} naming the call and the size, and nothing is recorded: every checkpoint is
	 * written to PostgreSQL and read back on recovery, and DBOS itself has no limit. The default is
	 * {@value #DEFAULT_MAX_CHECKPOINT_CHARS}.
	 * @param maxChars the limit, in characters, at least 1
	 * @return this
	 * @throws IllegalArgumentException when {@code maxChars} is less than 1
	 */
	public Durability maxCheckpointChars(int maxChars) {
		if (maxChars < 1) {
			throw new IllegalArgumentException("The longest checkpoint must be at least 1 character, but was " + maxChars);
		}
		this.codec.maxChars(maxChars);
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
	 * Declares a durable queue, a DBOS queue of the same name, through which nodes of durable runs send batches
	 * ({@link DurableQueue#callBatch}). Declare it on every instance that shares the database, with the same limits,
	 * before {@link #launch()}: each instance starts children of the queues it declared.
	 * @param queue the queue
	 * @return this
	 * @throws IllegalArgumentException when a queue of that name is declared already, or its worker concurrency
	 * exceeds its concurrency
	 * @throws IllegalStateException when DBOS is launched already
	 */
	public Durability queue(DurableQueue queue) {
		if (queue == null) {
			throw new IllegalArgumentException("Durability.queue needs a queue, got null");
		}
		this.queues.declare(queue, this.dbos);
		return this;
	}

	/**
	 * Registers a node that durable runs may send through a queue ({@link DurableQueue#callBatch}): each child of such
	 * a batch is a DBOS workflow named after the node, which any instance that registered the node can run. Register it
	 * on every instance before {@link #launch()}. Its calls run in a session of their own on whichever instance starts
	 * them (that session's configuration is the given one, never saved: the children's calls are in the record of the
	 * run that sent them), and every call they make is checkpointed as in a durable flow.
	 * @param node the node
	 * @param config the configuration of the children's sessions (timeout, execution strategy, observation); its
	 * saving is turned off
	 * @return this
	 * @throws IllegalArgumentException when a node of that name is registered already
	 * @throws IllegalStateException when DBOS is launched already
	 */
	public Durability registerNode(NodeDefinition<?> node, ExecutorConfig config) {
		if (node == null || config == null) {
			throw new IllegalArgumentException("Durability.registerNode needs a node and a configuration, got " + node
					+ " and " + config);
		}
		Flow<?> checkpointed = Flow.builder(node.name(), node)
			.config(config.toBuilder().saveState(false).build())
			.addNodeMiddleware(this.calls)
			.build();
		this.queues.register(node, new FlowWorkflow(checkpointed, this.dbos, this.calls, this.codec), this.dbos);
		return this;
	}

	/**
	 * Registers a node that durable runs may send through a queue, its children's sessions with the default
	 * configuration; see {@link #registerNode(NodeDefinition, ExecutorConfig)}.
	 * @param node the node
	 * @return this
	 * @throws IllegalArgumentException when a node of that name is registered already
	 * @throws IllegalStateException when DBOS is launched already
	 */
	public Durability registerNode(NodeDefinition<?> node) {
		return registerNode(node, ExecutorConfig.defaults());
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
	 * @param requestId the request's id ({@code human-<position>}, or {@code human-<position>-<n>} for the n-th
	 * question a retried call asks there)
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
		 * Launches DBOS, which creates or migrates its tables and recovers the unfinished runs of its executor id (they run
	 * again from the top, their completed calls replayed from their checkpoints).
	 * @throws IllegalStateException when DBOS cannot launch (its database cannot be reached, say), naming the
	 * database's URL
	 */
	public void launch() {
		try {
			this.dbos.launch();
		}
		catch (RuntimeException ex) {
			String url = this.dbos.integration().config().databaseUrl();
			Throwable cause = ex;
			while (cause.getCause() != null && cause.getCause() != cause) {
				cause = cause.getCause();
			}
			throw new IllegalStateException("DBOS could not launch on its system database "
					+ ((url != null) ? url : "(its configured DataSource)") + ": " + ex.getMessage()
					+ ((cause != ex) ? " (" + cause + ")" : ""), ex);
		}
	}

	/**
	 * The operations on the durable runs of this DBOS instance's database: list them and their steps, cancel, resume,
	 * fork a run from one of its calls, recover another executor's runs. Usable once DBOS is launched.
	 * @return the runs
	 */
	public DurableRuns runs() {
		return this.runs;
	}

	/**
	 * The DBOS instance, for what DBOS offers beyond {@link #runs()} (their workflow ids are the runs' idempotency
	 * keys).
	 * @return the instance
	 */
	public DBOS dbos() {
		return this.dbos;
	}

}

package dev.railtracks.durable;

import java.util.Arrays;
import java.util.UUID;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.StartWorkflowOptions;
import dev.dbos.transact.execution.RegisteredWorkflow;
import dev.dbos.transact.workflow.WorkflowHandle;
import dev.railtracks.ExecutorConfig;
import dev.railtracks.Flow;
import dev.railtracks.RailtracksException;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Flow} whose invocations are durable runs: each is a DBOS workflow whose id is the caller's idempotency key,
 * and every node call in it is checkpointed, so that a run interrupted by a crash or a deploy resumes where it was when
 * DBOS recovers it (on this instance's next launch, or on another instance through
 * {@link DurableRuns#recover(String)}), without running again the calls that had completed. Made by {@link Durability#register}.
 *
 * <pre>{@code
 * DurableFlow<Plan> planner = durability.register(Flow.of("planner", PLAN));
 * durability.launch();
 * Plan plan = planner.invoke("order-4711", "a trip to Lisbon"); // runs once per key, whoever asks
 * }</pre>
 *
 * @param <O> the flow's result type
 */
public final class DurableFlow<O> {

	private final Flow<O> flow;

	private final DBOS dbos;

	private final RegisteredWorkflow workflow;

	private final ValueCodec codec;

	DurableFlow(Flow<O> flow, DBOS dbos, RegisteredWorkflow workflow, ValueCodec codec) {
		this.flow = flow;
		this.dbos = dbos;
		this.workflow = workflow;
		this.codec = codec;
	}

	/**
	 * A new idempotency key, for a run that no caller will ask for again.
	 * @return a random UUID's text
	 */
	public static String newKey() {
		return UUID.randomUUID().toString();
	}

	/**
	 * Runs the flow durably, once per key: the first invocation with a key starts its run; any later or concurrent one,
	 * here or on another instance sharing the database, waits for that run and returns its result (or throws its
	 * failure) without running the flow again. The run's session has the key as its id.
	 * @param key the idempotency key: the run's DBOS workflow id and session id (1 to 128 letters, digits, {@code .},
	 * {@code _} or {@code -}, starting with a letter or digit)
	 * @param args the flow's arguments; they must be checkpointable
	 * @return the flow's result
	 * @throws IllegalArgumentException when the key is not a valid run id
	 * @throws UncheckpointableValueException when an argument cannot be checkpointed (nothing ran)
	 * @throws DeterminismException when a recovered run made other calls than those recorded
	 * @throws RuntimeException the flow's failure
	 */
	// NullAway: a flow's result may be null, as Flow.invoke's; O declares no nullable bound
	@SuppressWarnings({ "unchecked", "NullAway" })
	public O invoke(String key, @Nullable Object... args) {
		if (key == null || !ExecutorConfig.isRunIdentifier(key)) {
			throw new IllegalArgumentException("The idempotency key of a durable run of flow '" + this.flow.name()
					+ "' must be 1-128 letters, digits, '.', '_' or '-' starting with a letter or digit (it is also the "
					+ "session id), but was '" + key + "'");
		}
		@Nullable Object[] arguments = (args != null) ? args : new Object[] { null };
		String argumentsText = this.codec.arguments("flow '" + this.flow.name() + "'", Arrays.asList(arguments));
		WorkflowHandle<?, ?> handle = this.dbos.integration()
			.startRegisteredWorkflow(this.workflow, new Object[] { argumentsText }, new StartWorkflowOptions(key));
		return (O) this.codec.readValue(awaitText(key, handle));
	}

	/** The text of a run's result, once it has finished. */
	private String awaitText(String key, WorkflowHandle<?, ?> handle) {
		try {
			return (String) handle.getResult();
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new RailtracksException("Durable run '" + key + "' of flow '" + this.flow.name() + "' failed", ex);
		}
	}

	/**
	 * Waits for the run with a key, started by any invocation or instance (a run recovered at launch, say), and returns
	 * its result.
	 * @param key the run's idempotency key
	 * @return the flow's result
	 * @throws RuntimeException the run's failure; DBOS's {@code DBOSNonExistentWorkflowException} when no run has the
	 * key
	 */
	// NullAway: a flow's result may be null, as Flow.invoke's; O declares no nullable bound
	@SuppressWarnings({ "unchecked", "NullAway" })
	public O result(String key) {
		return (O) this.codec.readValue(awaitText(key, this.dbos.retrieveWorkflow(key)));
	}

	/**
	 * The flow this runs.
	 * @return the flow
	 */
	public Flow<O> flow() {
		return this.flow;
	}

	/**
	 * The flow's name, which is also its DBOS workflow name.
	 * @return the name
	 */
	public String name() {
		return this.flow.name();
	}

	@Override
	public String toString() {
		return "DurableFlow[" + this.flow.name() + "]";
	}

}

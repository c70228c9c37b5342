package dev.railtracks.durable;

import java.lang.reflect.Method;
import java.util.Map;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.context.DBOSContextHolder;
import dev.railtracks.Flow;
import dev.railtracks.FlowRun;
import dev.railtracks.Outcome;
import org.jspecify.annotations.Nullable;

/**
 * The DBOS workflow of a durable flow, or of a node sent through a durable queue (run as a flow of that node): one
 * execution runs the flow in a session whose id is the workflow's (see {@link DurableRun#sessionId()}), with
 * {@link DurableCalls} around every node call. DBOS calls {@link #run} when the flow is invoked and again when it
 * recovers a run that did not finish (or one resumed or forked): such a session has {@link Durability#RECOVERED}
 * in its context.
 */
final class FlowWorkflow {

	/** The workflow function DBOS registers and calls. */
	static final Method RUN;

	static {
		try {
			RUN = FlowWorkflow.class.getDeclaredMethod("run", String.class);
			// DBOS, in another module, calls it reflectively.
			RUN.setAccessible(true);
		}
		catch (NoSuchMethodException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final Flow<?> flow;

	private final DBOS dbos;

	private final DurableCalls calls;

	private final ValueCodec codec;

	FlowWorkflow(Flow<?> flow, DBOS dbos, DurableCalls calls, ValueCodec codec) {
		this.flow = flow;
		this.dbos = dbos;
		this.calls = calls;
		this.codec = codec;
	}

	/**
	 * Runs the flow once, on DBOS's workflow thread, as the workflow's execution. DBOS stores texts only: the
	 * arguments and the result as the {@link ValueCodec} writes them.
	 * @param argumentsText the flow's arguments' text
	 * @return the flow's result's text, recorded by DBOS as the workflow's output
	 * @throws Exception the flow's failure, recorded by DBOS as the workflow's error
	 */
	String run(String argumentsText) throws Exception {
		@Nullable Object[] arguments = this.codec.readArguments(argumentsText);
		DurableRun run = DurableRun.start(this.dbos, this.codec, DBOSContextHolder.get());
		this.calls.begin(run);
		Flow<?> execution = this.flow.withRunIdentifier(run.sessionId());
		if (run.recovered()) {
			execution = execution.withContext(Map.of(Durability.RECOVERED, true));
		}
		FlowRun<?> finished;
		try {
			finished = execution.run(arguments);
		}
		finally {
			this.calls.end(run);
		}
		if (finished.outcome() instanceof Outcome.Failed<?> failed) {
			Throwable failure = failed.exception();
			if (failure instanceof Exception exception) {
				throw exception;
			}
			throw (Error) failure;
		}
		return this.codec.value("flow '" + this.flow.name() + "'", finished.value());
	}

}

package dev.railtracks.durable;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.dbos.transact.workflow.StepInfo;
import org.jspecify.annotations.Nullable;

/**
 * A completed call of a durable run, as its DBOS step records it: where it was made, which node with which arguments,
 * and its result (as the {@link ValueCodec} wrote them), or the failure it ended with (its class and message), which
 * a replay throws again. The step's output is a map of texts, so that DBOS's own tools
 * show it and no Railtracks type has to be read back by DBOS.
 *
 * @param position the call's path in the run (see {@link dev.railtracks.NodeCall#callPath()})
 * @param node the node's name
 * @param type the node's type, as recorded ({@code Agent}, {@code Tool}, {@code Other})
 * @param arguments the arguments' text
 * @param result the result's text ({@code null}'s for a failed call)
 * @param failure the class name of the call's failure, or {@code null} when it completed
 * @param failureMessage the failure's message, or {@code null}
 * @param workflow the id of the child workflow that ran the call, for a call sent through a durable queue (its calls
 * are checkpointed there), or {@code null}
 */
record Checkpoint(String position, String node, String type, String arguments, String result, @Nullable String failure,
		@Nullable String failureMessage, @Nullable String workflow) {

	Checkpoint(String position, String node, String type, String arguments, String result) {
		this(position, node, type, arguments, result, null, null, null);
	}

	Checkpoint(String position, String node, String type, String arguments, String result, @Nullable String failure,
			@Nullable String failureMessage) {
		this(position, node, type, arguments, result, failure, failureMessage, null);
	}

	private static final String POSITION = "railtracks_position";

	private static final String NODE = "node";

	private static final String TYPE = "type";

	private static final String ARGUMENTS = "arguments";

	private static final String RESULT = "result";

	private static final String FAILURE = "failure";

	private static final String FAILURE_MESSAGE = "failure_message";

	private static final String WORKFLOW = "workflow";

	/**
	 * The output of the call's DBOS step.
	 * @return the texts by name
	 */
	Map<String, String> toStepOutput() {
		Map<String, String> output = new LinkedHashMap<>();
		output.put(POSITION, this.position);
		output.put(NODE, this.node);
		output.put(TYPE, this.type);
		output.put(ARGUMENTS, this.arguments);
		output.put(RESULT, this.result);
		if (this.failure != null) {
			output.put(FAILURE, this.failure);
			output.put(FAILURE_MESSAGE, this.failureMessage);
		}
		if (this.workflow != null) {
			output.put(WORKFLOW, this.workflow);
		}
		return output;
	}

	/**
	 * The checkpoint a DBOS step recorded, if the step is a completed Railtracks call (or one whose failure was
	 * checkpointed).
	 * @param step a step of the run's workflow
	 * @return the checkpoint, or {@code null} for a step DBOS recorded as failed or another kind of step
	 */
	static @Nullable Checkpoint of(StepInfo step) {
		if (step.error() != null || !(step.output() instanceof Map<?, ?> output)
				|| !(output.get(POSITION) instanceof String position) || !(output.get(NODE) instanceof String node)
				|| !(output.get(TYPE) instanceof String type) || !(output.get(ARGUMENTS) instanceof String arguments)
				|| !(output.get(RESULT) instanceof String result)) {
			return null;
		}
		Object failure = output.get(FAILURE);
		Object failureMessage = output.get(FAILURE_MESSAGE);
		Object workflow = output.get(WORKFLOW);
		return new Checkpoint(position, node, type, arguments, result, (failure instanceof String text) ? text : null,
				(failureMessage instanceof String text) ? text : null, (workflow instanceof String text) ? text : null);
	}

	/**
	 * This checkpoint of a child workflow's call, as a call of the run that sent the child through a queue: the child's
	 * root call ({@code 0}) is the sending call itself, at {@code position}, and a call the child's root made at
	 * {@code 0.k} is at {@code position.k}.
	 * @param position the position of the call that sent the child
	 * @param child the child's workflow id, kept on the root's checkpoint
	 * @return the checkpoint in the sending run
	 */
	Checkpoint sentFrom(String position, String child) {
		String under = position + this.position.substring(1);
		return new Checkpoint(under, this.node, this.type, this.arguments, this.result, this.failure,
				this.failureMessage, isRoot() ? child : this.workflow);
	}

	/**
	 * Whether this is the checkpoint of a run's root call.
	 * @return whether its position is {@code 0}
	 */
	boolean isRoot() {
		return "0".equals(this.position);
	}

	/**
	 * Whether the call ended with a failure, which its replay throws again.
	 * @return whether it failed
	 */
	boolean failed() {
		return this.failure != null;
	}

	/**
	 * The name of the call's DBOS step: its position and node, as DBOS's tools list them.
	 * @param position the call's position
	 * @param node the node's name
	 * @return the step name
	 */
	static String stepName(String position, String node) {
		return position + " " + node;
	}

	/**
	 * The recorded call, as a determinism failure names it.
	 * @return node and arguments
	 */
	String describeCall() {
		return describe(this.node, this.arguments);
	}

	/**
	 * A call, as a determinism failure names it.
	 * @param node the node's name
	 * @param arguments the arguments' text
	 * @return node and arguments
	 */
	static String describe(String node, String arguments) {
		return "node '" + node + "' with arguments " + arguments;
	}

	/** The type of a model round's checkpoint, whose position is its agent call's, {@code @} and the round's number. */
	static final String MODEL_ROUND = "MODEL_ROUND";

	/**
	 * The position of a model round of the agent call at a position.
	 * @param call the agent call's position
	 * @param round the round's number
	 * @return the round's position
	 */
	static String roundPosition(String call, int round) {
		return call + "@" + round;
	}

	/**
	 * Whether this is a model round's checkpoint rather than a call's.
	 * @return whether it is a round
	 */
	boolean isModelRound() {
		return MODEL_ROUND.equals(this.type);
	}

	/**
	 * The position of the call that made this one.
	 * @return the caller's position, or {@code null} for a top-level call
	 */
	@Nullable String caller() {
		int dot = this.position.lastIndexOf('.');
		return (dot < 0) ? null : this.position.substring(0, dot);
	}

	/**
	 * This call's place among the calls of its caller: the last index of its position.
	 * @return the index
	 */
	int index() {
		return Integer.parseInt(this.position.substring(this.position.lastIndexOf('.') + 1));
	}

}

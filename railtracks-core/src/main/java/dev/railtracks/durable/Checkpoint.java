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
 * @param calls how many checkpointed calls and model rounds the call made in this run before it completed, or
 * {@code null} when the step did not record it: a call whose run lacks some of them (a fork copies only the steps
 * before its fork point) is not replayed but runs again. A queued call made none in the run that sent it ({@code 0}):
 * its calls are checkpointed in its child workflow, whose checkpoints its replay adopts
 */
record Checkpoint(String position, String node, String type, String arguments, String result, @Nullable String failure,
		@Nullable String failureMessage, @Nullable String workflow, @Nullable Integer calls) {

	private static final String POSITION = "railtracks_position";

	private static final String NODE = "node";

	private static final String TYPE = "type";

	private static final String ARGUMENTS = "arguments";

	private static final String RESULT = "result";

	private static final String FAILURE = "failure";

	private static final String FAILURE_MESSAGE = "failure_message";

	private static final String WORKFLOW = "workflow";

	private static final String CALLS = "calls";

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
		if (this.calls != null) {
			output.put(CALLS, Integer.toString(this.calls));
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
		Object calls = output.get(CALLS);
		return new Checkpoint(position, node, type, arguments, result, (failure instanceof String text) ? text : null,
				(failureMessage instanceof String text) ? text : null, (workflow instanceof String text) ? text : null,
				(calls instanceof String count) ? Integer.valueOf(count) : null);
	}

	/**
	 * This checkpoint of a child workflow's call, as a call of the run that sent the child through a queue: the child's
	 * root call ({@code 0}) is the sending call itself, at {@code position}, and a call the child's root made at
	 * {@code 0.k} is at {@code position.k}. The sending call made no checkpointed calls in its own run.
	 * @param position the position of the call that sent the child
	 * @param child the child's workflow id, kept on the root's checkpoint
	 * @return the checkpoint in the sending run
	 */
	Checkpoint sentFrom(String position, String child) {
		String under = position + this.position.substring(1);
		boolean root = isRoot();
		return new Checkpoint(under, this.node, this.type, this.arguments, this.result, this.failure,
				this.failureMessage, root ? child : this.workflow, root ? Integer.valueOf(0) : this.calls);
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
	 * The position of the call whose node made a call or a model round: the position without its last index or its
	 * round.
	 * @param position the call's or the round's position
	 * @return the owner's position, or {@code null} for a top-level call
	 */
	static @Nullable String owner(String position) {
		int at = position.lastIndexOf('@');
		if (at >= 0) {
			return position.substring(0, at);
		}
		int dot = position.lastIndexOf('.');
		return (dot < 0) ? null : position.substring(0, dot);
	}

	/**
	 * How deep a position is in the run's tree of calls and rounds: a call or round is deeper than its owner.
	 * @return the depth, {@code 0} for a top-level call
	 */
	int depth() {
		int depth = 0;
		for (int i = 0; i < this.position.length(); i++) {
			char c = this.position.charAt(i);
			if (c == '.' || c == '@') {
				depth++;
			}
		}
		return depth;
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

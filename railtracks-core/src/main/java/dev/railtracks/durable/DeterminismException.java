package dev.railtracks.durable;

import dev.railtracks.FatalException;

/**
 * A durable run that, running again on recovery, made another call than the one recorded at the same position: another
 * node, or the same node with other arguments. Replaying the recorded result there would hand the new code an answer to
 * a question it did not ask, so the run fails instead; its checkpoints stay, and the run can be resumed once the code
 * makes the recorded calls again. It is a {@link FatalException}: it ends the run whoever catches it, an agent does not
 * hand it to its model, and {@link dev.railtracks.middleware.Retry} does not retry it (another attempt would make its
 * calls anew, hiding the divergence).
 */
public final class DeterminismException extends FatalException {

	private static final long serialVersionUID = 1L;

	private final String position;

	private final String recordedCall;

	private final String newCall;

	/**
	 * Creates the exception.
	 * @param workflowId the durable run's id
	 * @param position the call's path in the run (see {@link dev.railtracks.NodeCall#callPath()})
	 * @param recordedCall the recorded call: node and arguments
	 * @param newCall the call made now: node and arguments
	 */
	public DeterminismException(String workflowId, String position, String recordedCall, String newCall) {
		super("Durable run '" + workflowId + "' is not deterministic at call " + position + ": the run recorded "
				+ recordedCall + " there, but now calls " + newCall
				+ ". Make the same calls in the same order on recovery (see docs/durable.md, determinism rules)");
		this.position = position;
		this.recordedCall = recordedCall;
		this.newCall = newCall;
	}

	/**
	 * The call's position: its path in the run's tree of calls.
	 * @return the position, such as {@code 0.2}
	 */
	public String position() {
		return this.position;
	}

	/**
	 * The call recorded at the position.
	 * @return its node and arguments
	 */
	public String recordedCall() {
		return this.recordedCall;
	}

	/**
	 * The call made now at the position.
	 * @return its node and arguments
	 */
	public String newCall() {
		return this.newCall;
	}

}

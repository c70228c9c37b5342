package dev.railtracks;

/**
 * A node call a person declined, or did not approve in time: the call's failure, with the reason. As the original's
 * {@code VerifierRejectedError}, an agent tells its model this as the tool's result. A decline is a person's decision,
 * not an error: it never ends the run, whatever {@link ExecutorConfig#endOnError()} says (see
 * {@link FatalException#endsRun}).
 */
public class ApprovalDeclinedException extends RailtracksException {

	private static final long serialVersionUID = 1L;

	private final String reason;

	/**
	 * Creates the exception.
	 * @param node the node whose call was declined
	 * @param reason why
	 */
	public ApprovalDeclinedException(String node, String reason) {
		super("The call of '" + node + "' was declined: " + reason);
		this.reason = reason;
	}

	/**
	 * Why the call was declined.
	 * @return the reason
	 */
	public String reason() {
		return this.reason;
	}

}

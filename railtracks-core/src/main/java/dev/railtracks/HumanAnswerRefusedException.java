package dev.railtracks;

/**
 * An answer to a {@link HumanRequest} that cannot be taken: the request is unknown, it is closed already (answered,
 * timed out, or its run ended), or the answer has the wrong type. {@link #reason()} tells which, so that an HTTP layer
 * can answer 404, 409 or 400.
 */
public class HumanAnswerRefusedException extends RailtracksException {

	private static final long serialVersionUID = 1L;

	private final Reason reason;

	/**
	 * Creates the exception.
	 * @param reason why the answer is refused
	 * @param message what happened, naming the request (and for a wrong type, the expected and the given types)
	 */
	public HumanAnswerRefusedException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	/**
	 * Why the answer is refused.
	 * @return the reason
	 */
	public Reason reason() {
		return this.reason;
	}

	/** Why an answer is refused. */
	public enum Reason {

		/** No request with that run id and request id waits here, nor did recently. */
		UNKNOWN_REQUEST,

		/** The request was answered already, timed out, or its run ended: the first answer wins. */
		CLOSED,

		/** The answer is not of the request's answer type. */
		WRONG_TYPE

	}

}

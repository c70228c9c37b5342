package dev.railtracks;

import java.time.Duration;
import java.util.Locale;

/**
 * Thrown by {@link Railtracks#askHuman} when nobody answered within the question's timeout; the Human node is
 * recorded as failed with it.
 */
public class HumanTimeoutException extends RailtracksException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param request the request nobody answered
	 * @param timeout how long the run waited
	 */
	public HumanTimeoutException(HumanRequest request, Duration timeout) {
		super("Nobody answered " + request.kind().name().toLowerCase(Locale.ROOT) + " '"
				+ request.requestId() + "' of run '" + request.runId() + "' (\"" + request.question() + "\") within "
				+ timeout + ": give askHuman a longer timeout, or answer sooner");
	}

}

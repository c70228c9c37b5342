package dev.railtracks;

import java.time.Duration;

/**
 * The session's {@link ExecutorConfig#timeout() timeout} passed before the top-level node finished. Nodes still
 * running were interrupted and recorded as failed with this exception.
 */
public class GlobalTimeoutException extends RailtracksException {

	private static final long serialVersionUID = 1L;

	private final Duration timeout;

	/**
	 * Creates the exception.
	 * @param timeout the limit that passed
	 */
	public GlobalTimeoutException(Duration timeout) {
		super("Execution timed out after " + seconds(timeout) + " seconds; running nodes were interrupted. "
				+ "Raise ExecutorConfig.timeout or make the nodes faster.");
		this.timeout = timeout;
	}

	/**
	 * The limit that passed.
	 * @return the session timeout
	 */
	public Duration timeout() {
		return this.timeout;
	}

	private static String seconds(Duration timeout) {
		return java.math.BigDecimal.valueOf(timeout.toNanos(), 9).stripTrailingZeros().toPlainString();
	}

}

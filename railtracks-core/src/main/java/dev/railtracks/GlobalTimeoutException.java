package dev.railtracks;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The session's {@link ExecutorConfig#timeout() timeout} passed before the top-level node finished. The run's caller
 * is released with it then; nodes still running were interrupted and recorded as failed with this exception, and a
 * node that goes on regardless is abandoned: what it returns later is dropped.
 */
public class GlobalTimeoutException extends RailtracksException {

	private static final long serialVersionUID = 1L;

	private final Duration timeout;

	/**
	 * Creates the exception for a timeout set with {@link ExecutorConfig#TIMEOUT_BUILDER_METHOD}.
	 * @param timeout the limit that passed
	 */
	public GlobalTimeoutException(Duration timeout) {
		this(timeout, ExecutorConfig.TIMEOUT_BUILDER_METHOD);
	}

	/**
	 * Creates the exception.
	 * @param timeout the limit that passed
	 * @param setting where the user sets it ({@link ExecutorConfig#timeoutSetting()}), named in the message
	 */
	public GlobalTimeoutException(Duration timeout, String setting) {
		super("Execution timed out after " + seconds(timeout).toPlainString() + " seconds; running nodes were "
				+ "interrupted and their results will be dropped. Raise " + setting + " or make the nodes faster.");
		this.timeout = timeout;
	}

	/**
	 * The limit that passed.
	 * @return the session timeout
	 */
	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * The limit in seconds, as a decimal number without trailing zeros or a negative scale, so that it prints as
	 * {@code 20}, {@code 0.3} or {@code 1.5} (in JSON too), never as {@code 2E+1}.
	 * @return the seconds
	 */
	public BigDecimal timeoutSeconds() {
		return seconds(this.timeout);
	}

	private static BigDecimal seconds(Duration timeout) {
		BigDecimal seconds = BigDecimal.valueOf(timeout.toNanos(), 9).stripTrailingZeros();
		// stripTrailingZeros() turns 20 into 2E+1 (scale -1); whole seconds keep scale 0.
		return (seconds.scale() < 0) ? seconds.setScale(0) : seconds;
	}

}

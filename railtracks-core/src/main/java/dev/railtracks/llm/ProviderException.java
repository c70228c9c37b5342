package dev.railtracks.llm;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.railtracks.RailtracksException;

/**
 * A model provider refused or failed a call, classified so that callers can tell a rate limit from an outage, a bad
 * key or a bad request. Agents retry a failure only when it {@linkplain #isTransient() is transient}; the Spring Boot
 * problem-details handler answers each kind with its own HTTP status.
 *
 * @see ProviderRateLimitException
 * @see ProviderUnavailableException
 * @see ProviderTimeoutException
 * @see ProviderAuthenticationException
 * @see ProviderBadRequestException
 * @see ProviderResponseException
 */
public abstract class ProviderException extends RailtracksException {

	private static final long serialVersionUID = 1L;

	private final String provider;

	private final @Nullable Integer status;

	private final @Nullable Duration retryAfter;

	private final boolean transientFailure;

	/**
	 * A provider failure.
	 * @param provider the provider, such as {@code openai}
	 * @param status the HTTP status the provider answered, or {@code null} when it sent none
	 * @param retryAfter how long the provider asked to wait ({@code Retry-After}), or {@code null}
	 * @param transientFailure whether the same call may succeed when tried again
	 * @param message what happened
	 * @param cause the client's exception, or {@code null}
	 */
	protected ProviderException(String provider, @Nullable Integer status, @Nullable Duration retryAfter,
			boolean transientFailure, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.provider = provider;
		this.status = status;
		this.retryAfter = retryAfter;
		this.transientFailure = transientFailure;
	}

	/**
	 * The provider.
	 * @return a short lower-case name such as {@code openai}
	 */
	public String provider() {
		return this.provider;
	}

	/**
	 * The HTTP status the provider answered.
	 * @return the status, or {@code null} when the call got no HTTP answer (timeout, unreachable, unparsable)
	 */
	public @Nullable Integer status() {
		return this.status;
	}

	/**
	 * How long the provider asked callers to wait before trying again.
	 * @return its {@code Retry-After}, or {@code null} when it sent none
	 */
	public @Nullable Duration retryAfter() {
		return this.retryAfter;
	}

	/**
	 * Whether the same call may succeed when tried again.
	 * @return {@code true} for rate limits, outages and timeouts
	 */
	public boolean isTransient() {
		return this.transientFailure;
	}

}

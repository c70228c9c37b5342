package dev.railtracks.llm;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The provider failed or is overloaded (HTTP 5xx, Anthropic's 529), or could not be reached: transient.
 */
public class ProviderUnavailableException extends ProviderException {

	private static final long serialVersionUID = 1L;

	/**
	 * The failure.
	 * @param provider the provider
	 * @param status the HTTP status, or {@code null} when the provider could not be reached
	 * @param retryAfter the provider's {@code Retry-After}, or {@code null}
	 * @param message what happened
	 * @param cause the client's exception, or {@code null}
	 */
	public ProviderUnavailableException(String provider, @Nullable Integer status, @Nullable Duration retryAfter,
			String message, @Nullable Throwable cause) {
		super(provider, status, retryAfter, true, message, cause);
	}

}

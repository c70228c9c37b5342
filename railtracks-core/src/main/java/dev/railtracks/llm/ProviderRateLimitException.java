package dev.railtracks.llm;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The provider limits how often or how much it may be called (HTTP 429): transient.
 */
public class ProviderRateLimitException extends ProviderException {

	private static final long serialVersionUID = 1L;

	/**
	 * The failure.
	 * @param provider the provider
	 * @param retryAfter the provider's {@code Retry-After}, or {@code null}
	 * @param message what happened
	 * @param cause the client's exception, or {@code null}
	 */
	public ProviderRateLimitException(String provider, @Nullable Duration retryAfter, String message,
			@Nullable Throwable cause) {
		super(provider, 429, retryAfter, true, message, cause);
	}

}

package dev.railtracks.llm;

import org.jspecify.annotations.Nullable;

/**
 * The provider answered with a body the client could not read (unparsable or incomplete, even with HTTP 200): not
 * transient, since asking again would pay for the same answer.
 */
public class ProviderResponseException extends ProviderException {

	private static final long serialVersionUID = 1L;

	/**
	 * The failure.
	 * @param provider the provider
	 * @param status the HTTP status of the unreadable answer, or {@code null} when the client does not tell
	 * @param message what happened
	 * @param cause the client's exception, or {@code null}
	 */
	public ProviderResponseException(String provider, @Nullable Integer status, String message,
			@Nullable Throwable cause) {
		super(provider, status, null, false, message, cause);
	}

}

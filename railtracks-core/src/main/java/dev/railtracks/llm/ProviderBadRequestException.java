package dev.railtracks.llm;

import org.jspecify.annotations.Nullable;

/**
 * The provider rejected the request itself (HTTP 400, 404 for an unknown model, 422 and other 4xx): not transient.
 */
public class ProviderBadRequestException extends ProviderException {

	private static final long serialVersionUID = 1L;

	/**
	 * The failure.
	 * @param provider the provider
	 * @param status the HTTP status
	 * @param message what happened
	 * @param cause the client's exception, or {@code null}
	 */
	public ProviderBadRequestException(String provider, int status, String message, @Nullable Throwable cause) {
		super(provider, status, null, false, message, cause);
	}

}

package dev.railtracks.llm;

import org.jspecify.annotations.Nullable;

/**
 * The provider rejected the credentials (HTTP 401) or their permissions (HTTP 403): not transient; check the
 * provider's API key property.
 */
public class ProviderAuthenticationException extends ProviderException {

	private static final long serialVersionUID = 1L;

	/**
	 * The failure.
	 * @param provider the provider
	 * @param status the HTTP status, 401 or 403
	 * @param message what happened
	 * @param cause the client's exception, or {@code null}
	 */
	public ProviderAuthenticationException(String provider, int status, String message, @Nullable Throwable cause) {
		super(provider, status, null, false, message, cause);
	}

}

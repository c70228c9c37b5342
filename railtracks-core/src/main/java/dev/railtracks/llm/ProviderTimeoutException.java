package dev.railtracks.llm;

import org.jspecify.annotations.Nullable;

/**
 * The provider did not answer within the client's timeout: transient.
 */
public class ProviderTimeoutException extends ProviderException {

	private static final long serialVersionUID = 1L;

	/**
	 * The failure.
	 * @param provider the provider
	 * @param message what happened
	 * @param cause the client's exception, or {@code null}
	 */
	public ProviderTimeoutException(String provider, String message, @Nullable Throwable cause) {
		super(provider, null, null, true, message, cause);
	}

}

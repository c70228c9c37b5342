package dev.railtracks.store;

import java.io.IOException;

/**
 * A {@link SessionStore} could not be reached (no connection, a connection lost, a transient failure of the database):
 * the failure is the store's, not the document's, so saving the same document again alone would fail the same way.
 * The {@link SessionWriter} then drops the whole batch at once instead of trying each document in turn, and closing
 * threads stop waiting for room in its queue while the store does not answer. A store throws it (or an
 * {@link IOException} caused by it) when it can tell; any other failure is taken to be the document's.
 */
public class StoreUnavailableException extends IOException {

	private static final long serialVersionUID = 1L;

	/**
	 * A failure to reach the store.
	 * @param message what failed, naming the store
	 */
	public StoreUnavailableException(String message) {
		super(message);
	}

	/**
	 * A failure to reach the store.
	 * @param message what failed, naming the store
	 * @param cause the store's own exception
	 */
	public StoreUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * Whether a failure, or one of its causes, is a {@link StoreUnavailableException}.
	 * @param failure what a store threw
	 * @return {@code true} when the store could not be reached
	 */
	public static boolean isUnavailable(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof StoreUnavailableException) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

}

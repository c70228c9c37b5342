package dev.railtracks.store;

import org.jspecify.annotations.Nullable;

/**
 * Told how saving one document went; the engine logs it on the session's log. Called on the thread that saved: the
 * {@link SessionWriter}'s, or the closing thread when saving is synchronous.
 */
public interface SaveReport {

	/**
	 * The document was saved.
	 * @param saved where it went and what had to change
	 */
	void saved(SavedSession saved);

	/**
	 * The document could not be saved.
	 * @param store the store that failed
	 * @param error why
	 */
	void failed(SessionStore store, Exception error);

	/**
	 * Saves a document on the calling thread and reports how it went; never throws what the store throws (but a
	 * {@link VirtualMachineError}).
	 * @param store the store
	 * @param document the document
	 * @param report told the outcome
	 * @return what the store threw (and {@code report} was told), or {@code null} when it was saved
	 */
	static @Nullable Exception saveNow(SessionStore store, dev.railtracks.info.SessionDocument document, SaveReport report) {
		SavedSession saved;
		try {
			saved = store.save(document);
		}
		catch (java.io.IOException | RuntimeException ex) {
			report.failed(store, ex);
			return ex;
		}
		catch (AssertionError | LinkageError ex) {
			// Errors of this one call (a JDBC driver's internal assertion on a killed connection, a missing class):
			// the store failed, and the writer thread that called it must live on to save the next documents.
			java.io.IOException failure = new java.io.IOException("the store threw " + ex, ex);
			report.failed(store, failure);
			return failure;
		}
		report.saved(saved);
		return null;
	}

}

package dev.railtracks.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import dev.railtracks.info.SessionDocument;

/**
 * Where a closed session's {@link SessionDocument document} goes. The default is the {@link FileSessionStore}; set
 * another with {@code ExecutorConfig.Builder#sessionStore}, or, in Spring Boot, declare a {@code SessionStore} bean.
 * <p>
 * A store is called by one thread at a time when a {@link SessionWriter} saves in the background, by the closing
 * threads otherwise, so it must be thread-safe. Saving the same document twice must leave one copy (the writer
 * retries a failed batch one document at a time): the file store replaces the file, a database store upserts by
 * session id. A failure is thrown, never swallowed: the caller logs it on the session's log.
 */
public interface SessionStore {

	/**
	 * Saves one document; its values are serialised here.
	 * @param document the closed session's document
	 * @return where it went and what had to change
	 * @throws IOException when it cannot be saved
	 */
	SavedSession save(SessionDocument document) throws IOException;

	/**
	 * Saves several documents, in order; a store that can write them together (one transaction, one round trip)
	 * overrides this. The default saves each in turn.
	 * @param documents the documents, at least one
	 * @return one report per document, in the same order
	 * @throws IOException when any cannot be saved
	 */
	default List<SavedSession> saveAll(List<SessionDocument> documents) throws IOException {
		List<SavedSession> saved = new ArrayList<>(documents.size());
		for (SessionDocument document : documents) {
			saved.add(save(document));
		}
		return saved;
	}

}

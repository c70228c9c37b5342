package dev.railtracks.store;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.railtracks.info.SessionDocument;

/**
 * Where a closed session's {@link SessionDocument document} goes. The default is the {@link FileSessionStore}; set
 * another with {@code ExecutorConfig.Builder#sessionStore}, or, in Spring Boot, declare a {@code SessionStore} bean.
 * <p>
 * A store is called by one thread at a time when a {@link SessionWriter} saves in the background, by the closing
 * threads otherwise, so it must be thread-safe. Saving the same document twice must leave one copy (the writer
 * retries a failed batch one document at a time): the file store replaces the file, a database store upserts by
 * session id. A failure is thrown, never swallowed: the caller logs it on the session's log. A failure that is the
 * store's rather than the document's (no connection) is a {@link StoreUnavailableException}, so that the writer drops
 * the batch instead of trying each of its documents again.
 * <p>
 * A store is also the application's <b>history</b>: the visualiser and the {@code railtracks} actuator endpoint
 * {@link #list list} and {@link #open open} saved sessions through it, and retention ({@link #retain}) deletes what a
 * {@link RetentionPolicy} does not keep. A store shared by several application instances (a database) therefore shows
 * each instance the whole fleet's sessions. A store that keeps no history (one that only forwards documents elsewhere)
 * keeps the defaults: nothing to list, open or delete.
 */
public interface SessionStore {

	/**
	 * Saves one document; its values are serialised here.
	 * @param document the closed session's document
	 * @return where it went and what had to change
	 * @throws IOException when it cannot be saved; a {@link StoreUnavailableException} when the store cannot be reached
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

	/**
	 * The saved sessions, newest (by start time) first.
	 * @param limit the most sessions returned
	 * @return at most {@code limit} summaries
	 * @throws IOException when the store cannot be read
	 */
	default List<StoredSession> list(int limit) throws IOException {
		return List.of();
	}

	/**
	 * One saved session's document.
	 * @param sessionId the session id
	 * @return the document, or empty when the store has no such session
	 * @throws IllegalArgumentException when {@code sessionId} does not have the shape of a session id
	 * ({@link SessionIds}), before the store is touched
	 * @throws IOException when the store cannot be read
	 */
	default Optional<StoredDocument> open(String sessionId) throws IOException {
		SessionIds.require(sessionId);
		return Optional.empty();
	}

	/**
	 * Deletes the saved sessions that a policy does not keep. Safe to call from several application instances at once.
	 * @param policy what to keep
	 * @param now the time ages are measured from
	 * @return how many sessions and bytes were deleted and kept
	 * @throws IOException when the store cannot be read or changed
	 */
	default RetentionPolicy.Outcome retain(RetentionPolicy policy, Instant now) throws IOException {
		return new RetentionPolicy.Outcome(0, 0, 0, 0);
	}

}

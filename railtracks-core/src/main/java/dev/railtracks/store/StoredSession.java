package dev.railtracks.store;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One saved session as a {@link SessionStore} lists it: the envelope of its document (the original's fields) with its
 * runs summarised, or, for a saved file that cannot be read as a session, why not.
 *
 * @param flowName the name of the flow that started the session, or {@code null}
 * @param flowId the id of the flow that started the session, or {@code null}
 * @param sessionId the session id, {@code null} only for an unreadable file
 * @param sessionName the session's name, or {@code null}
 * @param startTime when the session started, epoch seconds
 * @param endTime when it ended, epoch seconds
 * @param runs its top-level runs
 * @param nodeCount how many nodes all runs hold
 * @param file the saved file's name for the file store, {@code null} for a store without files
 * @param revision changes whenever the saved document changes, so a client knows when to load it again
 * @param error why a saved file cannot be shown, for unreadable files only
 */
public record StoredSession(@Nullable String flowName, @Nullable String flowId, @Nullable String sessionId,
		@Nullable String sessionName, @Nullable Double startTime, @Nullable Double endTime, List<RunSummary> runs,
		int nodeCount, @Nullable String file, String revision, @Nullable String error) {

	/**
	 * A summary, with a copy of the runs.
	 * @param flowName the flow's name
	 * @param flowId the flow's id
	 * @param sessionId the session id
	 * @param sessionName the name
	 * @param startTime the start, epoch seconds
	 * @param endTime the end, epoch seconds
	 * @param runs the runs
	 * @param nodeCount the number of nodes
	 * @param file the file name
	 * @param revision the content's revision
	 * @param error why it cannot be shown
	 */
	public StoredSession {
		runs = List.copyOf(runs);
	}

}

package dev.railtracks.viz;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import dev.railtracks.store.RunSummary;
import dev.railtracks.store.StoredSession;

/**
 * One entry of the visualiser's session list ({@code GET /api/sessions}): the envelope of a session document (the
 * original's field names) with its runs summarised, plus where the session comes from.
 *
 * @param flowName the name of the flow that started the session, or {@code null}
 * @param flowId the id of the flow that started the session, or {@code null}
 * @param sessionId the session id, {@code null} only for an unreadable file
 * @param sessionName the session's name, or {@code null}
 * @param startTime when the session started, epoch seconds
 * @param endTime when it ended, epoch seconds, {@code null} while it runs
 * @param runs its top-level runs
 * @param nodeCount how many nodes all runs hold
 * @param source {@link #RUNNING}, {@link #CLOSED} (recently closed, remembered by a live application) or
 * {@link #SAVED} (in the session store: a file, a database row)
 * @param file the saved file's name, for {@link #SAVED} entries of the file store
 * @param revision changes whenever the session's content changes, so a client knows when to load it again
 * @param error why a saved file cannot be shown, for unreadable files only
 */
public record SessionSummary(@JsonProperty("flow_name") @Nullable String flowName,
		@JsonProperty("flow_id") @Nullable String flowId, @JsonProperty("session_id") @Nullable String sessionId,
		@JsonProperty("session_name") @Nullable String sessionName, @JsonProperty("start_time") @Nullable Double startTime,
		@JsonProperty("end_time") @Nullable Double endTime, List<RunSummary> runs,
		@JsonProperty("node_count") int nodeCount, String source,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String file, String revision,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String error) {

	/** A session that is running in the application serving the list. */
	public static final String RUNNING = "running";

	/** A session the serving application closed recently and still remembers. */
	public static final String CLOSED = "closed";

	/** A session in the session store (a file, a database row). */
	public static final String SAVED = "saved";

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
	 * @param source where it comes from
	 * @param file the file name
	 * @param revision the content's revision
	 * @param error why it cannot be shown
	 */
	public SessionSummary {
		runs = List.copyOf(runs);
	}

	/**
	 * The entry of a session the store lists.
	 * @param stored the store's summary
	 * @return the entry, {@link #SAVED}
	 */
	public static SessionSummary saved(StoredSession stored) {
		return new SessionSummary(stored.flowName(), stored.flowId(), stored.sessionId(), stored.sessionName(),
				stored.startTime(), stored.endTime(), stored.runs(), stored.nodeCount(), SAVED, stored.file(),
				stored.revision(), stored.error());
	}

}

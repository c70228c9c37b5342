package dev.railtracks.viz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

import dev.railtracks.support.EpochClock;
import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.info.RequestTemplate;
import dev.railtracks.info.SessionDocument;
import dev.railtracks.store.RunSummary;
import dev.railtracks.store.SessionEnvelope;
import dev.railtracks.store.SessionIds;
import dev.railtracks.store.SessionStore;
import dev.railtracks.store.StoredDocument;
import dev.railtracks.store.StoredSession;

/**
 * The visualiser's JSON API, whatever serves it: lists sessions and describes one, as answers (status and JSON body)
 * that a transport only has to send. The command-line {@link VizServer} and the Spring Boot routes both answer
 * through here, so they cannot drift apart.
 * <ul>
 * <li>{@link #sessions()} ({@code GET api/sessions}): the running sessions (newest first), then the recently closed
 * ones (newest first), then the sessions in the {@link SessionStore session store} (newest first, at most the list
 * limit) not listed already; see {@link SessionSummary}. With a store shared by several instances (a database), the
 * saved sessions are the whole fleet's.</li>
 * <li>{@link #session(String, boolean)} ({@code GET api/sessions/{id}}): one session as a saved-session document,
 * its values masked unless shown, with {@code values_shown} and {@code source} added; 400 for an id that is not a
 * session id or a saved document that is not a session, 404 for an unknown id.</li>
 * </ul>
 * Thread-safe.
 */
public final class SessionBrowser {

	private static final Logger logger = LoggerFactory.getLogger(SessionBrowser.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String VALUES_SHOWN = "values_shown";

	private static final String SOURCE = "source";

	private static final LiveSessions NO_LIVE_SESSIONS = new LiveSessions() {

		@Override
		public List<LiveSession> list() {
			return List.of();
		}

		@Override
		public Optional<LiveSession> find(String sessionId) {
			return Optional.empty();
		}

	};

	/** How many saved sessions the list shows unless told otherwise. */
	public static final int DEFAULT_LIST_LIMIT = 500;

	private final SessionStore saved;

	private final int listLimit;

	private final LiveSessions live;

	/**
	 * A browser of saved sessions only, as the command-line server has.
	 * @param saved the session store
	 * @param listLimit the most saved sessions listed
	 */
	public SessionBrowser(SessionStore saved, int listLimit) {
		this(saved, listLimit, NO_LIVE_SESSIONS);
	}

	/**
	 * A browser of the sessions an application runs and remembers, and of its session store.
	 * @param saved the session store
	 * @param listLimit the most saved sessions listed
	 * @param live the running and recently closed sessions
	 * @throws IllegalArgumentException when {@code listLimit} is not positive
	 */
	public SessionBrowser(SessionStore saved, int listLimit, LiveSessions live) {
		if (listLimit < 1) {
			throw new IllegalArgumentException("listLimit must be at least 1 but was " + listLimit);
		}
		this.saved = saved;
		this.listLimit = listLimit;
		this.live = live;
	}

	/**
	 * Every session: {@code GET api/sessions}.
	 * @return 200 with a JSON array of {@link SessionSummary}; when the store cannot be read, the running and recently
	 * closed sessions and one {@link SessionSummary#SAVED saved} entry without a session id whose {@code error} says
	 * why the saved sessions are missing
	 */
	public VizResponse sessions() {
		List<LiveSession> live = this.live.list();
		List<SessionSummary> sessions = new ArrayList<>();
		live.stream()
			.filter(LiveSession::isRunning)
			.sorted(Comparator.comparingLong(LiveSession::startNanos).reversed())
			.forEach((session) -> sessions.add(summary(session)));
		live.stream()
			.filter((session) -> !session.isRunning())
			.sorted(Comparator.comparingLong(SessionBrowser::endNanos).reversed())
			.forEach((session) -> sessions.add(summary(session)));
		Set<String> listed = new HashSet<>();
		sessions.forEach((session) -> listed.add(session.sessionId()));
		List<StoredSession> stored;
		try {
			stored = this.saved.list(this.listLimit);
		}
		catch (IOException | RuntimeException ex) {
			// The running and recently closed sessions do not depend on the store: list them, and say why the saved
			// ones are missing in an entry of its own (shown as an unreadable saved entry).
			logger.warn("The visualiser cannot read {}: {}", this.saved, ex.toString());
			sessions.add(new SessionSummary(null, null, null, null, null, null, List.of(), 0, SessionSummary.SAVED,
					this.saved.toString(), "", "The saved sessions cannot be listed: cannot read " + this.saved + ": "
							+ ex.getMessage()));
			stored = List.of();
		}
		for (StoredSession session : stored) {
			if (session.sessionId() == null || !listed.contains(session.sessionId())) {
				sessions.add(SessionSummary.saved(session));
			}
		}
		return VizResponse.ok(JSON.writeValueAsBytes(sessions));
	}

	/**
	 * One session as a saved-session document: {@code GET api/sessions/{sessionId}}. A running or recently closed
	 * session is preferred to a saved one of the same id. A saved document's numbers keep their exact value.
	 * @param sessionId the session id, as the client sent it (decoded)
	 * @param showValues whether to show request inputs and outputs and node internals, else
	 * {@value GraphValues#MASK}
	 * @return 200 with the document, 400 for an id that is not a session id or a saved document that is not a
	 * session (empty, invalid JSON, not an object, no {@code session_id}), 404 for an unknown id, 500 when the store
	 * cannot be read; errors are {@code {"error": "..."}}
	 */
	public VizResponse session(String sessionId, boolean showValues) {
		if (!SessionIds.isValid(sessionId)) {
			return VizResponse.error(400, SessionIds.invalid(sessionId));
		}
		Optional<LiveSession> live = this.live.find(sessionId);
		if (live.isPresent()) {
			LiveSession session = live.get();
			String json = document(session).toJson();
			return describe(JSON.createParser(json), json.length(), "session '" + sessionId + "'",
					session.isRunning() ? SessionSummary.RUNNING : SessionSummary.CLOSED, showValues);
		}
		Optional<StoredDocument> document;
		try {
			document = this.saved.open(sessionId);
		}
		catch (IOException | RuntimeException ex) {
			return cannotRead(ex);
		}
		if (document.isEmpty()) {
			return VizResponse.error(404, "Session not found: " + ((this.live == NO_LIVE_SESSIONS)
					? "no saved session '" + sessionId + "' in "
					: "'" + sessionId + "' is not running, not recently closed and not saved in ")
					+ this.saved);
		}
		byte[] content = document.get().json();
		return describe(JSON.createParser(content), content.length, document.get().name(), SessionSummary.SAVED,
				showValues);
	}

	/** Copies a session document, masked unless shown, and adds {@code values_shown} and {@code source}. */
	private static VizResponse describe(JsonParser document, int size, String name, String source,
			boolean showValues) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(size + 64);
		try (JsonParser in = document; JsonGenerator json = JSON.createGenerator(out)) {
			JsonToken first = in.nextToken();
			if (first == null) {
				return VizResponse.error(400, "Invalid JSON in " + name + ": " + SessionEnvelope.EMPTY);
			}
			if (first != JsonToken.START_OBJECT) {
				return notASession(name, SessionEnvelope.NOT_AN_OBJECT);
			}
			boolean hasSessionId = false;
			json.writeStartObject();
			while (in.nextToken() == JsonToken.PROPERTY_NAME) {
				String key = in.currentName();
				if (key.equals(VALUES_SHOWN) || key.equals(SOURCE)) {
					// Ours to say: a file saved from this API's answer must not claim to show values.
					in.nextToken();
					in.skipChildren();
					continue;
				}
				hasSessionId |= key.equals("session_id");
				GraphValues.copyProperty(in, json, showValues);
			}
			if (in.nextToken() != null) {
				return VizResponse.error(400, "Invalid JSON in " + name + ": more content after the session's object");
			}
			if (!hasSessionId) {
				return notASession(name, SessionEnvelope.NO_SESSION_ID);
			}
			json.writeBooleanProperty(VALUES_SHOWN, showValues);
			json.writeStringProperty(SOURCE, source);
			json.writeEndObject();
		}
		catch (JacksonException ex) {
			return VizResponse.error(400, "Invalid JSON in " + name + ": " + SessionEnvelope.describe(ex));
		}
		return VizResponse.ok(out.toByteArray());
	}

	private static VizResponse notASession(String name, String reason) {
		return VizResponse.error(400, name + " is not a Railtracks session file: " + reason);
	}

	private VizResponse cannotRead(Exception ex) {
		logger.warn("The visualiser cannot read {}: {}", this.saved, ex.toString());
		return VizResponse.error(500, "The visualiser cannot read " + this.saved + ": " + ex.getMessage());
	}

	private static SessionDocument document(LiveSession session) {
		return new SessionDocument(session.flowName(), session.flowId(), session.sessionId(), session.sessionName(),
				session.startNanos(), endNanos(session), session.info());
	}

	/** When a session ended, or now for a running one: the end of a document made now. */
	private static long endNanos(LiveSession session) {
		Long end = session.endNanos();
		return (end != null) ? end : EpochClock.nowNanos();
	}

	private static SessionSummary summary(LiveSession session) {
		ExecutionInfo info = session.info();
		List<RunSummary> runs = new ArrayList<>();
		for (RequestTemplate run : info.insertionRequests()) {
			runs.add(new RunSummary(run.identifier(), run.sinkName(), run.status().jsonName(),
					run.terminalParent().stamp().time(), run.isClosed() ? run.stamp().time() : null));
		}
		String source = session.isRunning() ? SessionSummary.RUNNING : SessionSummary.CLOSED;
		Long end = session.endNanos();
		return new SessionSummary(session.flowName(), session.flowId(), session.sessionId(), session.sessionName(),
				EpochClock.toSeconds(session.startNanos()), (end != null) ? EpochClock.toSeconds(end) : null, runs,
				info.nodeForest().size(), source, null, source + "-" + info.stamper().currentStep(), null);
	}

}

package dev.railtracks.autoconfigure.viz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import dev.railtracks.Session;
import dev.railtracks.autoconfigure.ClosedSession;
import dev.railtracks.autoconfigure.RailtracksSessionTracker;
import dev.railtracks.autoconfigure.actuate.GraphValues;
import dev.railtracks.info.EpochClock;
import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.info.RequestTemplate;
import dev.railtracks.info.SessionDocument;
import dev.railtracks.viz.RunSummary;
import dev.railtracks.viz.SessionDirectory;
import dev.railtracks.viz.SessionSummary;

/**
 * The visualiser's read-only JSON API in the shape of the command-line server's: {@code GET api/sessions} lists the
 * running sessions, the recently closed ones and the saved files (a file of a session listed already is left out);
 * {@code GET api/sessions/{sessionId}} returns one as a saved-session document, with values masked as the
 * {@code railtracks} endpoint masks them and {@code values_shown} saying whether they are.
 */
final class VizApi {

	private final RailtracksSessionTracker tracker;

	private final SessionDirectory saved;

	private final Show showValues;

	private final Set<String> roles;

	VizApi(RailtracksSessionTracker tracker, SessionDirectory saved, Show showValues, Set<String> roles) {
		this.tracker = tracker;
		this.saved = saved;
		this.showValues = showValues;
		this.roles = Set.copyOf(roles);
	}

	ServerResponse sessions(ServerRequest request) throws IOException {
		List<SessionSummary> sessions = new ArrayList<>();
		this.tracker.activeSessions()
			.stream()
			.sorted(Comparator.comparingLong(Session::startNanos).reversed())
			.forEach((session) -> sessions.add(summary(session.identifier(), session.name(), session.startNanos(),
					null, session.info(), SessionSummary.RUNNING)));
		for (ClosedSession closed : this.tracker.recentSessions()) {
			sessions.add(summary(closed.identifier(), closed.name(), nanos(closed.startedAt()),
					nanos(closed.closedAt()), closed.finalInfo(), SessionSummary.CLOSED));
		}
		Set<String> listed = new HashSet<>();
		sessions.forEach((session) -> listed.add(session.sessionId()));
		for (SessionSummary file : this.saved.list()) {
			if (file.sessionId() == null || !listed.contains(file.sessionId())) {
				sessions.add(file);
			}
		}
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(sessions);
	}

	ServerResponse session(ServerRequest request) throws IOException {
		String sessionId = request.pathVariable("sessionId");
		if (!SessionDirectory.isSessionId(sessionId)) {
			return error(HttpStatus.BAD_REQUEST, "Invalid session id '" + sessionId
					+ "': a session id is 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit");
		}
		boolean shown = this.showValues.isShown(new RequestSecurityContext(request), this.roles);
		Optional<Session> active = this.tracker.findActive(sessionId);
		Optional<ClosedSession> closed = active.isPresent() ? Optional.empty() : this.tracker.findRecent(sessionId);
		String json;
		String source;
		if (active.isPresent()) {
			Session session = active.get();
			json = new SessionDocument(sessionId, session.name(), session.startNanos(), EpochClock.nowNanos(),
					session.info())
				.toJson();
			source = SessionSummary.RUNNING;
		}
		else if (closed.isPresent()) {
			ClosedSession session = closed.get();
			json = new SessionDocument(sessionId, session.name(), nanos(session.startedAt()),
					nanos(session.closedAt()), session.finalInfo())
				.toJson();
			source = SessionSummary.CLOSED;
		}
		else {
			Optional<Path> file = this.saved.find(sessionId);
			if (file.isEmpty()) {
				return error(HttpStatus.NOT_FOUND, "Session not found: '" + sessionId
						+ "' is not running, not recently closed and not saved in " + this.saved.directory());
			}
			try {
				json = Files.readString(file.get());
			}
			catch (NoSuchFileException ex) {
				return error(HttpStatus.NOT_FOUND, "Session not found: " + file.get().getFileName() + " was just deleted");
			}
			source = SessionSummary.SAVED;
		}
		Map<String, @Nullable Object> document;
		try {
			document = GraphValues.read(json, shown);
		}
		catch (JacksonException ex) {
			return error(HttpStatus.BAD_REQUEST,
					"Invalid JSON in the saved file of session '" + sessionId + "': " + SessionDirectory.describe(ex));
		}
		document.put("values_shown", shown);
		document.put("source", source);
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(document);
	}

	private static SessionSummary summary(String sessionId, @Nullable String name, long startNanos,
			@Nullable Long endNanos, ExecutionInfo info, String source) {
		List<RunSummary> runs = new ArrayList<>();
		for (RequestTemplate run : info.insertionRequests()) {
			runs.add(new RunSummary(run.identifier(), run.sinkName(), run.status().jsonName(),
					run.terminalParent().stamp().time(), run.isClosed() ? run.stamp().time() : null));
		}
		Double end = (endNanos != null) ? EpochClock.toSeconds(endNanos) : null;
		return new SessionSummary(sessionId, name, EpochClock.toSeconds(startNanos), end, runs,
				info.nodeForest().size(), source, null, source + "-" + info.stamper().currentStep(), null);
	}

	private static long nanos(Instant instant) {
		return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
	}

	private static ServerResponse error(HttpStatus status, String message) {
		return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON).body(Map.of("error", message));
	}

}

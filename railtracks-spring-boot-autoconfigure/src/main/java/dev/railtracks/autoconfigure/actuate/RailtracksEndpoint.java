package dev.railtracks.autoconfigure.actuate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

import dev.railtracks.Session;
import dev.railtracks.autoconfigure.lifecycle.ClosedSession;
import dev.railtracks.autoconfigure.lifecycle.RailtracksSessionTracker;
import dev.railtracks.autoconfigure.viz.RailtracksVisualiser;
import dev.railtracks.info.ExecutionInfo;
import dev.railtracks.store.SessionEnvelope;
import dev.railtracks.store.SessionIds;
import dev.railtracks.store.SessionStore;
import dev.railtracks.store.StoredDocument;
import dev.railtracks.store.StoredSession;
import dev.railtracks.viz.GraphValues;

/**
 * The {@code railtracks} actuator endpoint: {@code GET /actuator/railtracks} lists the open and the recently closed
 * sessions and the saved ones in the session store, {@code GET /actuator/railtracks/{sessionId}} returns one
 * session's graph, or the saved document of a session only the store has. With a store shared by the instances of a
 * fleet ({@code railtracks.store.type=jdbc}), every instance lists and opens every instance's sessions. Node inputs
 * and outputs are masked unless {@code railtracks.endpoint.show-values} allows them. When the application serves the
 * visualiser, both link to it ({@code visualiser}).
 */
@Endpoint(id = "railtracks")
public class RailtracksEndpoint {

	private static final Logger logger = LoggerFactory.getLogger(RailtracksEndpoint.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RailtracksSessionTracker tracker;

	private final Show showValues;

	private final Set<String> roles;

	private final @Nullable RailtracksVisualiser visualiser;

	private final SessionStore store;

	private final int listLimit;

	/**
	 * An endpoint over the sessions a tracker follows and a session store, that links to the visualiser.
	 * @param tracker the session tracker
	 * @param store the session store the application saves to
	 * @param listLimit the most saved sessions listed
	 * @param showValues when to show node inputs and outputs
	 * @param roles roles that may see values when {@code showValues} is {@link Show#WHEN_AUTHORIZED}
	 * @param visualiser where the application serves the visualiser, or {@code null} when it does not
	 */
	public RailtracksEndpoint(RailtracksSessionTracker tracker, SessionStore store, int listLimit, Show showValues,
			Set<String> roles, @Nullable RailtracksVisualiser visualiser) {
		this.tracker = tracker;
		this.store = store;
		this.listLimit = listLimit;
		this.showValues = showValues;
		this.roles = Set.copyOf(roles);
		this.visualiser = visualiser;
	}

	/**
	 * The open sessions (oldest first), the recently closed ones (newest first), and the saved ones in the session
	 * store not listed already (newest first, at most the list limit). When the store cannot be read, the open and
	 * recent sessions all the same, no saved ones, and {@code savedError} saying why.
	 * @return the sessions
	 */
	@ReadOperation
	public RailtracksSessionsDescriptor sessions() {
		List<SessionDescriptor> active = this.tracker.activeSessions()
			.stream()
			.sorted(Comparator.comparingLong(Session::startNanos))
			.map(RailtracksEndpoint::describe)
			.toList();
		List<SessionDescriptor> recent = this.tracker.recentSessions().stream().map(RailtracksEndpoint::describe).toList();
		Set<String> listed = new HashSet<>();
		active.forEach((session) -> listed.add(session.id()));
		recent.forEach((session) -> listed.add(session.id()));
		List<StoredSession> stored;
		String savedError = null;
		try {
			stored = this.store.list(this.listLimit);
		}
		catch (IOException | RuntimeException ex) {
			// The open and recent sessions are in memory: a store that is down must not hide them.
			logger.warn("Cannot list the saved sessions in {}: {}", this.store, ex.toString());
			stored = List.of();
			savedError = "Cannot list the saved sessions in " + this.store + ": " + ex.getMessage();
		}
		List<SessionDescriptor> saved = stored.stream()
			.filter((session) -> session.sessionId() != null && !listed.contains(session.sessionId()))
			.map(RailtracksEndpoint::describe)
			.toList();
		return new RailtracksSessionsDescriptor(active, recent, saved,
				(this.visualiser != null) ? this.visualiser.path() : null, savedError);
	}

	/**
	 * One session and its graph, open or recently closed, else its saved document from the session store.
	 * @param securityContext who is asking, to decide whether values are shown
	 * @param sessionId the session id
	 * @return the session's graph, or {@code null} (404) when no such session is known
	 * @throws InvalidEndpointRequestException (400) when {@code sessionId} does not have the shape of a session id
	 */
	@ReadOperation
	public @Nullable SessionGraphDescriptor session(SecurityContext securityContext, @Selector String sessionId) {
		if (!SessionIds.isValid(sessionId)) {
			throw new InvalidEndpointRequestException(SessionIds.invalid(sessionId), "Invalid session id");
		}
		boolean shown = this.showValues.isShown(securityContext, this.roles);
		Optional<Session> active = this.tracker.findActive(sessionId);
		if (active.isPresent()) {
			Session session = active.get();
			return new SessionGraphDescriptor(describe(session), shown,
					graph(session.info(), shown), link(sessionId));
		}
		Optional<ClosedSession> recent = this.tracker.findRecent(sessionId);
		if (recent.isPresent()) {
			ClosedSession closed = recent.get();
			return new SessionGraphDescriptor(describe(closed), shown, graph(closed.finalInfo(), shown),
					link(sessionId));
		}
		Optional<StoredDocument> saved = openSaved(sessionId);
		if (saved.isEmpty()) {
			return null;
		}
		StoredSession envelope = SessionEnvelope.read(JSON.createParser(saved.get().json()), saved.get().name(), "");
		if (envelope.error() != null) {
			// A half-written or foreign file of the file store: say what is wrong with it, as the visualiser does.
			throw new InvalidEndpointRequestException("Session '" + sessionId + "' cannot be shown: " + envelope.error(),
					"Unreadable saved session");
		}
		return new SessionGraphDescriptor(describe(envelope), shown, savedDocument(saved.get(), shown),
				link(sessionId));
	}

	private Optional<StoredDocument> openSaved(String sessionId) {
		try {
			return this.store.open(sessionId);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open session '" + sessionId + "' in " + this.store, ex);
		}
	}

	// As graph(): the map holds null where the JSON has null.
	@SuppressWarnings("NullAway")
	private static Map<String, @Nullable Object> savedDocument(StoredDocument document, boolean shown) {
		return GraphValues.read(new String(document.json(), StandardCharsets.UTF_8), shown);
	}

	private static SessionDescriptor describe(StoredSession saved) {
		return new SessionDescriptor(String.valueOf(saved.sessionId()), saved.sessionName(), false,
				instant(saved.startTime()), (saved.endTime() != null) ? instant(saved.endTime()) : null,
				saved.flowName());
	}

	/** Epoch seconds as the documents hold them; a document without a start sorts as the epoch. */
	private static Instant instant(@Nullable Double epochSeconds) {
		return (epochSeconds != null) ? Instant.EPOCH.plusNanos(Math.round(epochSeconds * 1e9)) : Instant.EPOCH;
	}

	// The map holds null where the JSON has null; NullAway on a JDK 17 before 17.0.19 does not see the @Nullable type
	// argument of a method compiled in another module (docs/design-notes.md, "Null checking").
	@SuppressWarnings("NullAway")
	private static Map<String, @Nullable Object> graph(ExecutionInfo info, boolean shown) {
		return GraphValues.read(info.graphSerialization(), shown);
	}

	private @Nullable String link(String sessionId) {
		return (this.visualiser != null) ? this.visualiser.sessionPath(sessionId) : null;
	}

	private static SessionDescriptor describe(Session session) {
		return new SessionDescriptor(session.identifier(), session.name(), true,
				Instant.EPOCH.plusNanos(session.startNanos()), null, session.flowName());
	}

	private static SessionDescriptor describe(ClosedSession closed) {
		return new SessionDescriptor(closed.identifier(), closed.name(), false, closed.startedAt(), closed.closedAt(),
				closed.flowName());
	}

}

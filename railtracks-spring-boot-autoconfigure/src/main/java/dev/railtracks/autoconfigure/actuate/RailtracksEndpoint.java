package dev.railtracks.autoconfigure.actuate;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

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
import dev.railtracks.viz.GraphValues;

/**
 * The {@code railtracks} actuator endpoint: {@code GET /actuator/railtracks} lists the open and the recently closed
 * sessions, {@code GET /actuator/railtracks/{sessionId}} returns one session's graph. Node inputs and outputs are
 * masked unless {@code railtracks.endpoint.show-values} allows them. When the application serves the visualiser,
 * both link to it ({@code visualiser}).
 */
@Endpoint(id = "railtracks")
public class RailtracksEndpoint {

	private final RailtracksSessionTracker tracker;

	private final Show showValues;

	private final Set<String> roles;

	private final @Nullable RailtracksVisualiser visualiser;

	/**
	 * An endpoint over the sessions a tracker follows.
	 * @param tracker the session tracker
	 * @param showValues when to show node inputs and outputs
	 * @param roles roles that may see values when {@code showValues} is {@link Show#WHEN_AUTHORIZED}
	 */
	public RailtracksEndpoint(RailtracksSessionTracker tracker, Show showValues, Set<String> roles) {
		this(tracker, showValues, roles, null);
	}

	/**
	 * An endpoint over the sessions a tracker follows that links to the visualiser.
	 * @param tracker the session tracker
	 * @param showValues when to show node inputs and outputs
	 * @param roles roles that may see values when {@code showValues} is {@link Show#WHEN_AUTHORIZED}
	 * @param visualiser where the application serves the visualiser, or {@code null} when it does not
	 */
	public RailtracksEndpoint(RailtracksSessionTracker tracker, Show showValues, Set<String> roles,
			@Nullable RailtracksVisualiser visualiser) {
		this.tracker = tracker;
		this.showValues = showValues;
		this.roles = Set.copyOf(roles);
		this.visualiser = visualiser;
	}

	/**
	 * The open sessions (oldest first) and the recently closed ones (newest first).
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
		return new RailtracksSessionsDescriptor(active, recent,
				(this.visualiser != null) ? this.visualiser.path() : null);
	}

	/**
	 * One session and its graph, open or recently closed.
	 * @param securityContext who is asking, to decide whether values are shown
	 * @param sessionId the session id
	 * @return the session's graph, or {@code null} (404) when no such session is known
	 */
	@ReadOperation
	public @Nullable SessionGraphDescriptor session(SecurityContext securityContext, @Selector String sessionId) {
		boolean shown = this.showValues.isShown(securityContext, this.roles);
		Optional<Session> active = this.tracker.findActive(sessionId);
		if (active.isPresent()) {
			Session session = active.get();
			return new SessionGraphDescriptor(describe(session), shown,
					graph(session.info(), shown), link(sessionId));
		}
		return this.tracker.findRecent(sessionId)
			.map((closed) -> new SessionGraphDescriptor(describe(closed), shown,
					graph(closed.finalInfo(), shown), link(sessionId)))
			.orElse(null);
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

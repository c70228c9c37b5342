package dev.railtracks.autoconfigure.actuate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import dev.railtracks.Session;
import dev.railtracks.autoconfigure.lifecycle.RailtracksSessionTracker;

/**
 * The {@code railtracks} health contributor: {@code DOWN} while a session made by the {@code SessionFactory} stays open
 * longer than its own timeout — a run the engine could not stop, or a session nobody closed; either holds threads,
 * memory and its saved state back. A session waiting for a person ({@code Railtracks.askHuman}, an approval) is not
 * overdue. Details (shown per {@code management.endpoint.health.show-details}):
 * {@code active}, {@code overdue}, and the ids of up to {@value #LISTED} overdue sessions.
 */
public class RailtracksHealthIndicator extends AbstractHealthIndicator {

	static final int LISTED = 10;

	private final RailtracksSessionTracker tracker;

	/**
	 * A contributor for the sessions {@code tracker} follows.
	 * @param tracker the session tracker
	 */
	public RailtracksHealthIndicator(RailtracksSessionTracker tracker) {
		super("Railtracks health check failed");
		this.tracker = tracker;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		// Session.startNanos() counts from the epoch.
		long now = ChronoUnit.NANOS.between(Instant.EPOCH, Instant.now());
		List<Session> active = this.tracker.activeSessions();
		List<String> overdue = active.stream()
			.filter((session) -> isOverdue(session, now))
			.map(Session::identifier)
			.sorted()
			.toList();
		(overdue.isEmpty() ? builder.up() : builder.down()).withDetail("active", active.size())
			.withDetail("overdue", overdue.size());
		if (!overdue.isEmpty()) {
			builder.withDetail("overdueSessions", overdue.subList(0, Math.min(LISTED, overdue.size())));
		}
	}

	/** A session waiting for a person is not overdue: its wait has a timeout of its own. */
	private static boolean isOverdue(Session session, long now) {
		Duration timeout = session.config().timeout();
		return timeout != null && now - session.startNanos() > timeout.toNanos()
				&& !session.config().humanRequests().isWaiting(session.identifier());
	}

}

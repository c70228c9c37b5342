package dev.railtracks.autoconfigure.actuate;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A session as listed by the {@code railtracks} endpoint.
 *
 * @param id the session id
 * @param name the session's name, or {@code null}
 * @param active whether the session is open
 * @param startedAt when it started
 * @param closedAt when it closed, {@code null} while open
 * @param flow the name of the flow that started the session, or {@code null}
 */
public record SessionDescriptor(String id, @Nullable String name, boolean active, Instant startedAt,
		@Nullable Instant closedAt, @Nullable String flow) {

}

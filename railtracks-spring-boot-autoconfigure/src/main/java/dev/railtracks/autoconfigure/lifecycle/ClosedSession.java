package dev.railtracks.autoconfigure.lifecycle;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.railtracks.info.ExecutionInfo;

/**
 * What the {@link RailtracksSessionTracker} remembers of a closed session.
 *
 * @param identifier the session id
 * @param name the session's name, or {@code null}
 * @param startedAt when the session started
 * @param closedAt when it closed
 * @param finalInfo the execution state at close
 * @param flowName the name of the flow that started the session, or {@code null}
 * @param flowId the id of the flow that started the session, or {@code null}
 */
public record ClosedSession(String identifier, @Nullable String name, Instant startedAt, Instant closedAt,
		ExecutionInfo finalInfo, @Nullable String flowName, @Nullable String flowId) {

}

package dev.railtracks.autoconfigure.actuate;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The response of {@code GET /actuator/railtracks}: the open sessions and the most recently closed ones (newest
 * first).
 *
 * @param active the open sessions
 * @param recent the remembered closed sessions
 * @param visualiser the path of the visualiser's page, or {@code null} when the application does not serve it
 */
public record RailtracksSessionsDescriptor(List<SessionDescriptor> active, List<SessionDescriptor> recent,
		@Nullable String visualiser) implements OperationResponseBody {

}

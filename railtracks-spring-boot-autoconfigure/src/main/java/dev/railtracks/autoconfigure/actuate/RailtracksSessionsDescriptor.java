package dev.railtracks.autoconfigure.actuate;

import java.util.List;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The response of {@code GET /actuator/railtracks}: the open sessions and the most recently closed ones (newest
 * first).
 *
 * @param active the open sessions
 * @param recent the remembered closed sessions
 */
public record RailtracksSessionsDescriptor(List<SessionDescriptor> active,
		List<SessionDescriptor> recent) implements OperationResponseBody {

}

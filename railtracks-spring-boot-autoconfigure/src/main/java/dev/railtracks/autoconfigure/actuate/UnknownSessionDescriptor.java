package dev.railtracks.autoconfigure.actuate;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The body of the 404 that {@code GET /actuator/railtracks/{sessionId}} answers for a session it does not know.
 *
 * @param sessionId the id asked for
 * @param message why it is not found
 */
public record UnknownSessionDescriptor(String sessionId, String message) implements OperationResponseBody {

}

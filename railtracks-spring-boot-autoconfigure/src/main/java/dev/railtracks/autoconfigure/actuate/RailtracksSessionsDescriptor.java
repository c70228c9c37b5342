package dev.railtracks.autoconfigure.actuate;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The response of {@code GET /actuator/railtracks}: the open sessions, the most recently closed ones (newest
 * first), and the saved ones in the session store (newest first).
 *
 * @param active the open sessions
 * @param recent the remembered closed sessions
 * @param saved the sessions in the session store that are neither open nor remembered, at most
 * {@code railtracks.store.list-limit}; with a store shared by a fleet, other instances' sessions too
 * @param visualiser the path of the visualiser's page, or {@code null} when the application does not serve it
 * @param savedError why {@code saved} is empty when the session store cannot be read (the database down), or
 * {@code null} (then left out of the JSON); the open and recent sessions are listed all the same
 */
public record RailtracksSessionsDescriptor(List<SessionDescriptor> active, List<SessionDescriptor> recent,
		List<SessionDescriptor> saved, @Nullable String visualiser,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String savedError) implements OperationResponseBody {

}

package dev.railtracks.autoconfigure.actuate;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The response of {@code GET /actuator/railtracks/{sessionId}}: a session and its graph.
 *
 * @param session the session
 * @param valuesShown whether node inputs and outputs are shown; when not, each is replaced by {@code "******"}
 * @param graph the execution graph, {@code {"nodes": [...], "edges": [...], "steps": [...]}} as in
 * {@link dev.railtracks.info.ExecutionInfo#graphSerialization()} for an open or recently closed session, or the
 * saved document ({@code {"session_id": ..., "runs": [...]}}) for a session read from the session store; values are
 * {@code null} where the JSON has {@code null}
 * @param visualiser the path of the visualiser's page for this session, or {@code null} when the application does
 * not serve it
 */
public record SessionGraphDescriptor(SessionDescriptor session, boolean valuesShown, Map<String, @Nullable Object> graph,
		@Nullable String visualiser) implements OperationResponseBody {

}

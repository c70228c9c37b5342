package dev.railtracks.observation;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What a {@code railtracks.node} observation knows about one node invocation.
 */
public class NodeObservationContext extends Observation.Context {

	private final String nodeName;

	private final String nodeType;

	private final String sessionId;

	private final String requestId;

	private @Nullable String outcome;

	/**
	 * The high-cardinality key values {@link DefaultNodeObservationConvention} made for this call, asked for again when
	 * the observation stops.
	 */
	@Nullable KeyValues identifierKeyValues;

	/**
	 * Creates the context.
	 * @param nodeName the node's name
	 * @param nodeType the node's type ({@code Agent}, {@code Tool} or {@code Other})
	 * @param sessionId the session's identifier
	 * @param requestId the request's identifier
	 */
	public NodeObservationContext(String nodeName, String nodeType, String sessionId, String requestId) {
		this.nodeName = nodeName;
		this.nodeType = nodeType;
		this.sessionId = sessionId;
		this.requestId = requestId;
	}

	/**
	 * The node's name.
	 * @return the name
	 */
	public String getNodeName() {
		return this.nodeName;
	}

	/**
	 * The node's type.
	 * @return {@code Agent}, {@code Tool} or {@code Other}
	 */
	public String getNodeType() {
		return this.nodeType;
	}

	/**
	 * The session's identifier.
	 * @return the session id
	 */
	public String getSessionId() {
		return this.sessionId;
	}

	/**
	 * The request's identifier.
	 * @return the request id
	 */
	public String getRequestId() {
		return this.requestId;
	}

	/**
	 * How the invocation ended: {@code success}, {@code failure} or {@code cancelled}; {@code null} while running.
	 * @return the outcome
	 */
	public @Nullable String getOutcome() {
		return this.outcome;
	}

	/**
	 * Sets how the invocation ended.
	 * @param outcome {@code success}, {@code failure} or {@code cancelled}
	 */
	public void setOutcome(String outcome) {
		this.outcome = outcome;
	}

}

package dev.railtracks.autoconfigure.actuate;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The HTTP face of the {@link RailtracksEndpoint}: an unknown session is a 404 whose body says why, not an empty one.
 */
@EndpointWebExtension(endpoint = RailtracksEndpoint.class)
public class RailtracksEndpointWebExtension {

	private final RailtracksEndpoint delegate;

	/**
	 * An extension of {@code delegate}.
	 * @param delegate the endpoint
	 */
	public RailtracksEndpointWebExtension(RailtracksEndpoint delegate) {
		this.delegate = delegate;
	}

	/**
	 * One session and its graph, open, recently closed or saved; see {@link RailtracksEndpoint#session}.
	 * @param securityContext who is asking, to decide whether values are shown
	 * @param sessionId the session id
	 * @return 200 with a {@link SessionGraphDescriptor}, or 404 with an {@link UnknownSessionDescriptor}
	 */
	@ReadOperation
	public WebEndpointResponse<Object> session(SecurityContext securityContext, @Selector String sessionId) {
		SessionGraphDescriptor session = this.delegate.session(securityContext, sessionId);
		if (session != null) {
			return new WebEndpointResponse<>(session);
		}
		return new WebEndpointResponse<>(new UnknownSessionDescriptor(sessionId, "No session '" + sessionId
				+ "': it is not open, not among the recently closed sessions this application remembers "
				+ "(railtracks.recent-sessions), and not in the session store"), WebEndpointResponse.STATUS_NOT_FOUND);
	}

}

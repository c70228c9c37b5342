package dev.railtracks.autoconfigure.viz;

import java.security.Principal;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * Who sent a request to the visualiser, in the terms the actuator uses to decide whether values are shown, so the
 * visualiser masks exactly as the {@code railtracks} endpoint does.
 */
final class RequestSecurityContext implements SecurityContext {

	private final ServerRequest request;

	RequestSecurityContext(ServerRequest request) {
		this.request = request;
	}

	@Override
	public @Nullable Principal getPrincipal() {
		return this.request.principal().orElse(null);
	}

	@Override
	public boolean isUserInRole(String role) {
		return this.request.servletRequest().isUserInRole(role);
	}

}

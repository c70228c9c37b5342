package dev.railtracks.autoconfigure.viz;

import java.util.Set;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import dev.railtracks.viz.SessionBrowser;
import dev.railtracks.viz.VizResponse;

/**
 * The visualiser's read-only JSON API as Spring MVC handler functions: each sends what the {@link SessionBrowser}
 * answers, as the command-line server does, deciding only whether the request's sender sees values.
 */
final class VizApi {

	private final SessionBrowser browser;

	private final ShowValues showValues;

	private final Set<String> roles;

	VizApi(SessionBrowser browser, ShowValues showValues, Set<String> roles) {
		this.browser = browser;
		this.showValues = showValues;
		this.roles = Set.copyOf(roles);
	}

	ServerResponse sessions(ServerRequest request) {
		return send(this.browser.sessions());
	}

	ServerResponse session(ServerRequest request) {
		boolean shown = this.showValues.isShown(request.principal().orElse(null),
				request.servletRequest()::isUserInRole, this.roles);
		return send(this.browser.session(request.pathVariable("sessionId"), shown));
	}

	private static ServerResponse send(VizResponse response) {
		return ServerResponse.status(response.status())
			.contentType(MediaType.parseMediaType(VizResponse.CONTENT_TYPE))
			.cacheControl(CacheControl.noCache())
			.body(response.body());
	}

}

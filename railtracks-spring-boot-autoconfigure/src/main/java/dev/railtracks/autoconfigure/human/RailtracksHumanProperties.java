package dev.railtracks.autoconfigure.human;

import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.railtracks.autoconfigure.PropertyCheck;

/**
 * Configuration properties of human in the loop, bound from {@code railtracks.human.*}.
 */
@ConfigurationProperties("railtracks.human")
public class RailtracksHumanProperties {

	private final Web web = new Web();

	public Web getWeb() {
		return this.web;
	}

	/** The HTTP API that lists and answers the requests. */
	public static class Web {

		private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

		/**
		 * Whether to serve the HTTP API that lists and answers the requests for a person, in Spring MVC applications.
		 * Off by default: it approves and changes node calls, so secure '{path}/**' (Spring Security) before enabling
		 * it. The arguments of calls to approve are shown by 'railtracks.endpoint.show-values' and
		 * 'railtracks.endpoint.roles', masked as '******' otherwise.
		 */
		private boolean enabled;

		/**
		 * Path of the HTTP API, relative to the servlet context: pending requests at '{path}/requests', one request at
		 * '{path}/requests/{runId}/{requestId}', answered by POST to the same path.
		 */
		private String path = "/railtracks/human";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getPath() {
			return this.path;
		}

		/**
		 * Sets the path; a trailing {@code /} is dropped.
		 * @param path the path, such as {@code /railtracks/human}
		 */
		public void setPath(String path) {
			String trimmed = (path.length() > 1 && path.endsWith("/")) ? path.substring(0, path.length() - 1) : path;
			PropertyCheck.require("railtracks.human.web.path", path, PATH.matcher(trimmed).matches(),
					"the path must start with '/' and have one or more segments of letters, digits, '.', '_', '~' or "
							+ "'-', such as /railtracks/human");
			this.path = trimmed;
		}

	}

}

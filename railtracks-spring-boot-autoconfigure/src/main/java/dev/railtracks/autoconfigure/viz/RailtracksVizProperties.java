package dev.railtracks.autoconfigure.viz;

import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Configuration properties of the visualiser, bound from {@code railtracks.viz.*}.
 */
@ConfigurationProperties("railtracks.viz")
public class RailtracksVizProperties {

	private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

	/**
	 * Whether to serve the visualiser (its web UI and read-only JSON API) in this web application.
	 */
	private boolean enabled;

	/**
	 * Path of the visualiser, relative to the servlet context: the UI at '{path}/' and the JSON API at
	 * '{path}/api/sessions'.
	 */
	private String path = "/railtracks";

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
	 * @param path the path, such as {@code /railtracks}
	 * @throws InvalidConfigurationPropertyValueException when it is not a plain path of one or more segments
	 */
	public void setPath(String path) {
		String trimmed = (path.length() > 1 && path.endsWith("/")) ? path.substring(0, path.length() - 1) : path;
		if (!PATH.matcher(trimmed).matches()) {
			throw new InvalidConfigurationPropertyValueException("railtracks.viz.path", path,
					"the visualiser's path must start with '/' and have one or more segments of letters, digits, "
							+ "'.', '_', '~' or '-', such as /railtracks");
		}
		this.path = trimmed;
	}

}

package dev.railtracks.autoconfigure.viz;

import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Configuration properties of the visualiser, bound from {@code railtracks.viz.*}.
 */
@ConfigurationProperties("railtracks.viz")
public class RailtracksVizProperties {

	private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

	/**
	 * Whether to serve the visualiser (its web UI and JSON API, read-only unless 'railtracks.viz.durable-operations') in this web application.
	 */
	private boolean enabled;

	/**
	 * Path of the visualiser, relative to the servlet context: the UI at '{path}/' and the JSON API at
	 * '{path}/api/sessions'.
	 */
	private String path = "/railtracks";

	/**
	 * When to show the inputs and outputs of nodes and node internals (latency excepted) in the visualiser: never,
	 * when-authorized or always. When not shown, each value is replaced by '******'. When unset,
	 * 'railtracks.endpoint.show-values' applies, and without it never.
	 */
	private @Nullable ShowValues showValues;

	/**
	 * Roles allowed to see values when 'railtracks.viz.show-values' is when-authorized; when empty, every
	 * authenticated user is. When unset, 'railtracks.endpoint.roles' applies.
	 */
	private @Nullable Set<String> roles;

	/**
	 * Whether the visualiser may cancel, resume and fork durable runs (POST '{path}/api/durable/runs/{id}/{operation}').
	 * Off by default: the visualiser then only lists durable runs, and these writes answer 404. Turn it on only where
	 * the application's own security restricts the visualiser to the users allowed to act on runs.
	 */
	private boolean durableOperations;

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

	public @Nullable ShowValues getShowValues() {
		return this.showValues;
	}

	public void setShowValues(@Nullable ShowValues showValues) {
		this.showValues = showValues;
	}

	public boolean isDurableOperations() {
		return this.durableOperations;
	}

	public void setDurableOperations(boolean durableOperations) {
		this.durableOperations = durableOperations;
	}

	public @Nullable Set<String> getRoles() {
		return this.roles;
	}

	public void setRoles(@Nullable Set<String> roles) {
		this.roles = roles;
	}

}

package dev.railtracks.autoconfigure.actuate;

import java.util.HashSet;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the {@code railtracks} actuator endpoint, bound from {@code railtracks.endpoint.*}.
 */
@ConfigurationProperties("railtracks.endpoint")
public class RailtracksEndpointProperties {

	/**
	 * When to show the inputs and outputs of nodes in a session's graph. When not shown, each value is replaced by
	 * '******'.
	 */
	private Show showValues = Show.NEVER;

	/**
	 * Roles used to determine whether a user is authorized to see values. When empty, all authenticated users are
	 * authorized.
	 */
	private Set<String> roles = new HashSet<>();

	public Show getShowValues() {
		return this.showValues;
	}

	public void setShowValues(Show showValues) {
		this.showValues = showValues;
	}

	public Set<String> getRoles() {
		return this.roles;
	}

	public void setRoles(Set<String> roles) {
		this.roles = roles;
	}

}

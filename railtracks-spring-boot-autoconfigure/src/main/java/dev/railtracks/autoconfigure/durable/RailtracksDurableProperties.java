package dev.railtracks.autoconfigure.durable;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Durable flows, {@code railtracks.durable.*}: whether they are on, and the DBOS instance that runs them on the
 * application's PostgreSQL {@code DataSource}.
 */
@ConfigurationProperties("railtracks.durable")
public class RailtracksDurableProperties {

	/**
	 * Whether durable flows are on: DBOS Transact runs them on the application's PostgreSQL DataSource (its tables in
	 * the 'dbos' schema), launched with the context. Needs dev.dbos:transact on the class path.
	 */
	private boolean enabled;

	/**
	 * This instance's executor id: at start it recovers the unfinished runs of this id. Keep it stable across
	 * restarts of one instance (a StatefulSet's pod name), distinct between instances. Unset: the host name
	 * (HOSTNAME, then the local host's name).
	 */
	private @Nullable String executorId;

	/**
	 * The DBOS application version of this instance's runs: DBOS recovers only runs of its own version. Unset: DBOS
	 * computes it from the durable flows' names and the Railtracks and DBOS versions.
	 */
	private @Nullable String applicationVersion;

	/**
	 * Packages (with their sub-packages) whose types the values of durable calls may have, besides the JDK's value
	 * types and dev.railtracks. Unset: the application's auto-configuration packages (the @SpringBootApplication
	 * class's package).
	 */
	private List<String> allowedValuePackages = new ArrayList<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getExecutorId() {
		return this.executorId;
	}

	public void setExecutorId(@Nullable String executorId) {
		this.executorId = executorId;
	}

	public @Nullable String getApplicationVersion() {
		return this.applicationVersion;
	}

	public void setApplicationVersion(@Nullable String applicationVersion) {
		this.applicationVersion = applicationVersion;
	}

	public List<String> getAllowedValuePackages() {
		return this.allowedValuePackages;
	}

	public void setAllowedValuePackages(List<String> allowedValuePackages) {
		this.allowedValuePackages = allowedValuePackages;
	}

}

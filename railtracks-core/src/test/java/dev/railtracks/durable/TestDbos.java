package dev.railtracks.durable;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.config.DBOSConfig;

/** DBOS instances of the durable tests, on a test database of the server {@code .ci/postgres} starts. */
final class TestDbos {

	private TestDbos() {
	}

	/**
	 * A DBOS instance, not launched, whose system database is the given one.
	 * @param jdbcUrl the database's JDBC URL without credentials
	 * @param user the user the server trusts
	 * @param executorId the instance's executor id
	 * @return the instance
	 */
	static DBOS create(String jdbcUrl, String user, String executorId) {
		return new DBOS(DBOSConfig.defaults("railtracks-durable-tests")
			.withDatabaseUrl(jdbcUrl)
			.withDbUser(user)
			.withDbPassword("")
			.withExecutorId(executorId));
	}

}

package dev.railtracks.benchmarks;

import java.util.ArrayList;
import java.util.List;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.config.DBOSConfig;

import dev.railtracks.durable.Durability;
import dev.railtracks.testing.PostgresTestDatabase;

/**
 * The PostgreSQL database of one trial of a durable benchmark, found as the tests find theirs (the server of
 * {@code .ci/postgres}, or {@code RAILTRACKS_TEST_POSTGRES_URL}), and the DBOS instances on it: created for the
 * trial; closing it shuts them down and drops the database.
 */
final class DurableTrial implements AutoCloseable {

	private final PostgresTestDatabase database = PostgresTestDatabase.create("bench");

	private final List<DBOS> instances = new ArrayList<>();

	/**
	 * Durable flows on a new DBOS instance on the trial's database, not launched.
	 * @param executorId the instance's executor id
	 * @return the durability
	 */
	Durability durability(String executorId) {
		DBOS dbos = new DBOS(DBOSConfig.defaults("railtracks-benchmarks")
			.withDatabaseUrl(this.database.jdbcUrl())
			.withDbUser(this.database.user())
			.withDbPassword("")
			.withExecutorId(executorId));
		this.instances.add(dbos);
		return Durability.on(dbos);
	}

	@Override
	public void close() {
		this.instances.forEach(DBOS::shutdown);
		this.database.close();
	}

}

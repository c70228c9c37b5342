package dev.railtracks.autoconfigure.durable;

import javax.sql.DataSource;

import dev.dbos.transact.DBOS;
import example.trips.TripApplication;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.railtracks.autoconfigure.RailtracksAutoConfiguration;
import dev.railtracks.autoconfigure.flow.RailtracksFlowAutoConfiguration;
import dev.railtracks.durable.Durability;
import dev.railtracks.testing.PostgresTestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Durable flows are off unless asked for, and a durable application that cannot work fails its startup naming why:
 * DBOS missing, no DataSource, a database that is not PostgreSQL or does not answer, a durable flow whose start node
 * is unknown, a durable flow while durability is off.
 */
class DurableStartupFailureTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations
		.of(RailtracksAutoConfiguration.class, RailtracksFlowAutoConfiguration.class,
				RailtracksDurableAutoConfiguration.class))
		.withPropertyValues("railtracks.logging-setting=none");

	@Test
	void offUnlessEnabled() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(DBOS.class)
			.doesNotHaveBean(Durability.class)
			.doesNotHaveBean(DurableFlows.class));
	}

	@Test
	void enabledWithoutDbosOnTheClassPathNamesTheDependency() {
		this.runner.withPropertyValues("railtracks.durable.enabled=true")
			.withClassLoader(new FilteredClassLoader(DBOS.class))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("railtracks.durable.enabled=true needs DBOS Transact on the class path: add the dependency "
						+ "dev.dbos:transact, or set railtracks.durable.enabled=false"));
	}

	@Test
	void enabledWithoutADataSourceSaysWhatToConfigure() {
		this.runner.withPropertyValues("railtracks.durable.enabled=true")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageStartingWith("railtracks.durable.enabled=true needs one PostgreSQL DataSource bean, and "
						+ "there is none: configure spring.datasource.url"));
	}

	@Test
	void aDataSourceThatIsNotPostgresqlNamesItsUrlAndProduct() {
		assertThatException().isThrownBy(() -> start("trips.database.url=jdbc:h2:mem:trips"))
			.havingRootCause()
			.withMessageStartingWith("railtracks.durable.enabled=true needs a PostgreSQL DataSource, but the "
					+ "DataSource's database jdbc:h2:mem:trips is H2 ")
			.withMessageEndingWith(": DBOS keeps durable runs in PostgreSQL only");
	}

	@Test
	void anUnreachableDatabaseFailsStartupNamingWhere() {
		assertThatException()
			.isThrownBy(() -> start("trips.database.url=jdbc:postgresql://127.0.0.1:1/nowhere?user=postgres",
					"spring.datasource.url=jdbc:postgresql://127.0.0.1:1/nowhere"))
			.withStackTraceContaining("railtracks.durable.enabled=true: cannot reach the DataSource's database "
					+ "jdbc:postgresql://127.0.0.1:1/nowhere to check that it is PostgreSQL (Connection to 127.0.0.1:1 "
					+ "refused");
	}

	@Test
	void aDurablePropertyFlowWhoseStartNodeIsUnknownNamesTheProperty() {
		try (PostgresTestDatabase database = PostgresTestDatabase.create("durablestartup")) {
			assertThatException()
				.isThrownBy(() -> start("trips.database.url=" + database.url(), "railtracks.flows.lost.node=nowhere",
						"railtracks.flows.lost.durable=true"))
				.withStackTraceContaining("Property railtracks.flows.lost.node with value 'nowhere' is invalid: A flow "
						+ "starts a @RailtracksNode; known nodes: [");
		}
	}

	@Test
	void aQueueOrQueuedNodeThePropertiesGetWrongNamesTheProperty() {
		try (PostgresTestDatabase database = PostgresTestDatabase.create("durablequeues")) {
			assertThatException()
				.isThrownBy(() -> start("trips.database.url=" + database.url(),
						"railtracks.durable.queues.llm.rate-limit.limit=10"))
				.withStackTraceContaining("Property railtracks.durable.queues.llm.rate-limit with value 'limit=10' is "
						+ "invalid: a rate limit needs both 'limit' and 'period'");
			assertThatException()
				.isThrownBy(() -> start("trips.database.url=" + database.url(),
						"railtracks.durable.queues.llm.concurrency=2", "railtracks.durable.queues.llm.worker-concurrency=3"))
				.withStackTraceContaining("Property railtracks.durable.queues.llm with value 'concurrency=2, "
						+ "worker-concurrency=3")
				.withStackTraceContaining("The worker concurrency (3) of durable queue 'llm' must not exceed its "
						+ "concurrency (2)");
			assertThatException()
				.isThrownBy(() -> start("trips.database.url=" + database.url(), "railtracks.durable.queued-nodes=lost"))
				.withStackTraceContaining("Property railtracks.durable.queued-nodes with value 'lost' is invalid: a "
						+ "queued node is a @RailtracksNode or a NodeDefinition bean (an agent) of that name; known: [");
		}
	}

	@Test
	void aDurableFlowWhileDurabilityIsOffFailsStartup() {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(TripApplication.class)
				.properties("spring.main.web-application-type=none", "railtracks.logging-setting=none",
						"trips.database.url=jdbc:h2:mem:off")
				.run()
				.close())
			.isInstanceOf(IllegalStateException.class)
			.withMessageStartingWith("Flows [itinerary] are durable, but railtracks.durable.enabled is not true");
	}

	@Test
	void twoDataSourcesWithoutAPrimarySayHowToChoose() {
		this.runner.withPropertyValues("railtracks.durable.enabled=true")
			.withBean("one", DataSource.class, () -> new JdbcDataSource())
			.withBean("two", DataSource.class, () -> new JdbcDataSource())
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("there is more than one (mark one @Primary)"));
	}

	private static void start(String... properties) {
		new SpringApplicationBuilder(TripApplication.class)
			.properties("spring.main.web-application-type=none", "railtracks.logging-setting=none",
					"railtracks.durable.enabled=true", "railtracks.durable.executor-id=startup")
			.properties(properties)
			.run()
			.close();
	}

}

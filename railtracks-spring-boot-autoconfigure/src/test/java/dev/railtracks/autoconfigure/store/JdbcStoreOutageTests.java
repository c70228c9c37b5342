package dev.railtracks.autoconfigure.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.Flow;
import dev.railtracks.FunctionNode;
import dev.railtracks.LoggingSetting;
import dev.railtracks.store.SessionWriter;
import dev.railtracks.testing.PostgresTestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDBC store losing its database while the application runs: the application connects as its own role; the test
 * terminates its connections ({@code pg_terminate_backend}) and takes its login away. Sessions keep closing without
 * waiting; every document is either saved or counted and logged as dropped by the {@link SessionWriter}, never lost
 * silently; saving resumes as soon as the database lets the application in again.
 */
class JdbcStoreOutageTests {

	private static final FunctionNode<String> GREET = FunctionNode.of("greet", (String name) -> "hello " + name);

	private PostgresTestDatabase database;

	private String role;

	private HikariDataSource pool;

	private SessionWriter writer;

	private Flow<String> greeter;

	private final ListAppender<ILoggingEvent> writerLog = new ListAppender<>();

	@BeforeEach
	void startAnApplicationWithItsOwnRole() throws SQLException {
		this.database = PostgresTestDatabase.create("outage");
		this.role = "rt_app_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
		admin("CREATE ROLE " + this.role + " LOGIN");
		// The table exists (another instance created it); this application may only read and write rows.
		try (HikariDataSource owner = new HikariDataSource()) {
			owner.setJdbcUrl(this.database.url());
			new JdbcSessionStore(owner, null, "railtracks_session", 16_000_000).initialize();
		}
		onDatabase("GRANT SELECT, INSERT, UPDATE, DELETE ON railtracks_session TO " + this.role);
		this.pool = new HikariDataSource();
		this.pool.setJdbcUrl(this.database.jdbcUrl() + "?user=" + this.role);
		this.pool.setConnectionTimeout(1000);
		this.pool.setMaximumPoolSize(2);
		this.writer = new SessionWriter(64);
		JdbcSessionStore store = new JdbcSessionStore(this.pool, null, "railtracks_session", 16_000_000);
		this.greeter = Flow.builder("greeter", GREET)
			.config(ExecutorConfig.builder()
				.sessionStore(store)
				.sessionWriter(this.writer)
				.loggingSetting(LoggingSetting.NONE)
				.build())
			.build();
		this.writerLog.start();
		((Logger) LoggerFactory.getLogger(SessionWriter.class)).addAppender(this.writerLog);
	}

	@AfterEach
	void stop() throws SQLException {
		((Logger) LoggerFactory.getLogger(SessionWriter.class)).detachAppender(this.writerLog);
		this.writer.close();
		this.pool.close();
		this.database.close();
		admin("DROP ROLE IF EXISTS " + this.role);
	}

	@Test
	void documentsClosedWhileTheDatabaseRefusesTheApplicationAreCountedAndLoggedThenSavingResumes() throws Exception {
		run("before-1", "before-2", "before-3");
		this.writer.flush();
		assertThat(rows()).isEqualTo(3);
		assertThat(this.writer.failedSaves()).isZero();

		admin("ALTER ROLE " + this.role + " NOLOGIN");
		terminateTheApplicationsConnections();
		List<String> duringOutage = run("during-1", "during-2");
		this.writer.flush();
		assertThat(rows()).isEqualTo(3);
		assertThat(this.writer.failedSaves()).isEqualTo(2);
		assertThat(this.writerLog.list).filteredOn((event) -> event.getLevel() == Level.ERROR)
			.extracting(ILoggingEvent::getFormattedMessage)
			.hasSize(2)
			.allSatisfy((message) -> assertThat(message).contains("could not be saved to table railtracks_session"))
			.anySatisfy((message) -> assertThat(message).startsWith("Dropped the record of session " + duringOutage.get(0)))
			.anySatisfy((message) -> assertThat(message).startsWith("Dropped the record of session " + duringOutage.get(1)));

		admin("ALTER ROLE " + this.role + " LOGIN");
		run("after-1", "after-2", "after-3", "after-4");
		this.writer.flush();
		// Saving resumes; a connection killed during the outage and handed out again before the pool notices fails
		// one more save, which is counted and logged like the others.
		assertThat(rows()).isGreaterThan(3);
		assertThat(rows() + this.writer.failedSaves()).isEqualTo(3 + 2 + 4);
		assertThat(this.writerLog.list).filteredOn((event) -> event.getLevel() == Level.ERROR)
			.hasSize((int) this.writer.failedSaves());
	}

	/**
	 * A pool that waits 30 s for a connection (Hikari's default) and a database refusing the application's logins:
	 * the writer must not try each document of a failed batch alone (one connection timeout each), and closing threads
	 * must stop waiting for room once the writer is stuck in one store call.
	 */
	@Test
	void closingThreadsAreNotHeldByADatabaseThatKeepsThemWaitingForAConnection() throws Exception {
		try (HikariDataSource patientPool = new HikariDataSource()) {
			patientPool.setJdbcUrl(this.database.jdbcUrl() + "?user=" + this.role);
			patientPool.setConnectionTimeout(30_000);
			patientPool.setMaximumPoolSize(2);
			SessionWriter smallWriter = new SessionWriter(4);
			try {
				Flow<String> flow = Flow.builder("greeter", GREET)
					.config(ExecutorConfig.builder()
						.sessionStore(new JdbcSessionStore(patientPool, null, "railtracks_session", 16_000_000))
						.sessionWriter(smallWriter)
						.loggingSetting(LoggingSetting.NONE)
						.build())
					.build();
				flow.run("before");
				smallWriter.flush();
				assertThat(rows()).isEqualTo(1);

				admin("ALTER ROLE " + this.role + " NOLOGIN");
				terminateTheApplicationsConnections();
				int closing = 40;
				CountDownLatch allClosed = new CountDownLatch(1);
				Thread closer = new Thread(() -> {
					for (int i = 0; i < closing; i++) {
						flow.run("during-" + i);
					}
					allClosed.countDown();
				}, "closer");
				closer.start();
				// The stall timeout is 5 s; without it a closing thread waits at least one connection timeout (30 s).
				boolean closedInTime = allClosed.await(20, TimeUnit.SECONDS);
				admin("ALTER ROLE " + this.role + " LOGIN");
				assertThat(closedInTime).as("40 sessions closed within 20 s while the database refused logins").isTrue();
				closer.join();
				smallWriter.flush();
				assertThat(smallWriter.failedSaves()).isPositive();
				assertThat(rows() + smallWriter.failedSaves()).isEqualTo(1 + closing);
				assertThat(this.writerLog.list).filteredOn((event) -> event.getLevel() == Level.ERROR)
					.hasSize((int) smallWriter.failedSaves());
			}
			finally {
				admin("ALTER ROLE " + this.role + " LOGIN");
				smallWriter.close();
			}
		}
	}

	@Test
	void connectionsKilledUnderTheWriterLoseNothingSilently() throws Exception {
		int closed = 0;
		for (int round = 0; round < 5; round++) {
			closed += run("a" + round, "b" + round, "c" + round).size();
			terminateTheApplicationsConnections();
		}
		this.writer.flush();
		// The pool replaces killed connections: each document is saved, or (a statement on a dying connection)
		// dropped, counted and logged.
		assertThat(rows() + this.writer.failedSaves()).isEqualTo(closed);
		assertThat(this.writerLog.list).filteredOn((event) -> event.getLevel() == Level.ERROR)
			.hasSize((int) this.writer.failedSaves());
		assertThat(rows()).isPositive();
	}

	private List<String> run(String... names) {
		return java.util.Arrays.stream(names).map((name) -> this.greeter.run(name).sessionId()).toList();
	}

	private void terminateTheApplicationsConnections() throws SQLException {
		admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + this.role + "'");
	}

	private long rows() throws SQLException {
		try (Connection connection = this.database.connect(); Statement statement = connection.createStatement();
				ResultSet count = statement.executeQuery("SELECT count(*) FROM railtracks_session")) {
			count.next();
			return count.getLong(1);
		}
	}

	private void onDatabase(String sql) throws SQLException {
		try (Connection connection = this.database.connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	/** Roles belong to the server, not to the test's database. */
	private static void admin(String sql) throws SQLException {
		String server = System.getenv().getOrDefault("RAILTRACKS_TEST_POSTGRES_URL", PostgresTestDatabase.DEFAULT_SERVER_URL);
		try (Connection connection = DriverManager.getConnection(server);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}

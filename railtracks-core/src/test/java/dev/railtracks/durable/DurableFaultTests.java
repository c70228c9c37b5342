package dev.railtracks.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.dbos.transact.DBOS;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.railtracks.Flow;
import dev.railtracks.FunctionNode;
import dev.railtracks.NodeDefinition;
import dev.railtracks.Railtracks;
import dev.railtracks.TestConfigs;
import dev.railtracks.middleware.Retry;
import dev.railtracks.testing.PostgresTestDatabase;

/**
 * Durable runs meeting faults: their database gone at launch or lost mid-run, a value too large to checkpoint, and a
 * determinism failure under a retrying middleware.
 */
class DurableFaultTests {

	private PostgresTestDatabase database;

	private DBOS dbos;

	@BeforeEach
	void createDatabase() {
		this.database = PostgresTestDatabase.create("faults");
	}

	@AfterEach
	void stop() {
		if (this.dbos != null) {
			this.dbos.shutdown();
		}
		this.database.close();
	}

	@Test
	void launchingWithoutADatabaseFailsNamingItsUrl() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/nowhere";
		this.dbos = TestDbos.create(url, "postgres", "faults-1");
		Durability durability = Durability.on(this.dbos);

		assertThatThrownBy(durability::launch).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining(url);
	}

	@Test
	void aRunThatLosesItsDatabaseWaitsAndFinishesWhenTheDatabaseReturns() throws Exception {
		String role = "rt_app_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
		admin("CREATE ROLE " + role + " LOGIN");
		admin("ALTER DATABASE " + this.database.name() + " OWNER TO " + role);
		this.dbos = TestDbos.create(this.database.jdbcUrl(), role, "faults-1");
		Durability durability = Durability.on(this.dbos);
		AtomicInteger before = new AtomicInteger();
		AtomicInteger after = new AtomicInteger();
		CountDownLatch slowStarted = new CountDownLatch(1);
		CountDownLatch slowMayEnd = new CountDownLatch(1);
		FunctionNode<String> first = FunctionNode.of("first", (String city) -> before.incrementAndGet() + " " + city);
		FunctionNode<String> slow = FunctionNode.of("slow", (String city) -> {
			slowStarted.countDown();
			slowMayEnd.await();
			return "slow " + city;
		});
		FunctionNode<String> last = FunctionNode.of("last", (String city) -> after.incrementAndGet() + " " + city);
		FunctionNode<String> root = FunctionNode.of("root", (String city) -> Railtracks.call(first, city) + ", "
				+ Railtracks.call(slow, city) + ", " + Railtracks.call(last, city));
		DurableFlow<String> flow = durability.register(Flow.builder("outage", root).config(TestConfigs.NO_SAVE).build());
		durability.launch();
		CompletableFuture<String> result = CompletableFuture.supplyAsync(() -> flow.invoke("outage-1", "Faro"));
		assertThat(slowStarted.await(30, TimeUnit.SECONDS)).as("the slow call started").isTrue();

		// The database goes away while the slow call runs: the application's connections end and it may not log in.
		admin("ALTER ROLE " + role + " NOLOGIN");
		admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role + "'");
		slowMayEnd.countDown();
		Thread.sleep(2_000);
		assertThat(result).as("the run waits for its database").isNotDone();
		assertThat(after).as("nothing after the call whose checkpoint waits ran").hasValue(0);

		admin("ALTER ROLE " + role + " LOGIN");

		assertThat(result.get(90, TimeUnit.SECONDS)).isEqualTo("1 Faro, slow Faro, 1 Faro");
		assertThat(before).hasValue(1);
		assertThat(after).hasValue(1);
	}

	@Test
	void aResultLargerThanTheLongestCheckpointFailsTheCallNamingTheNodeAndTheSize() {
		this.dbos = TestDbos.create(this.database.jdbcUrl(), this.database.user(), "faults-1");
		Durability durability = Durability.on(this.dbos).maxCheckpointChars(1_000);
		FunctionNode<String> big = FunctionNode.of("big", () -> "x".repeat(2_000));
		FunctionNode<String> root = FunctionNode.of("root", () -> "got " + Railtracks.call(big).length());
		DurableFlow<String> flow = durability.register(Flow.builder("big-flow", root).config(TestConfigs.NO_SAVE).build());
		durability.launch();

		assertThatThrownBy(() -> flow.invoke("big-1"))
			.isInstanceOf(UncheckpointableValueException.class)
			.hasMessageContaining("The result of node 'big' is 2002 characters as a checkpoint")
			.hasMessageContaining("maximum of 1000");
		assertThatThrownBy(() -> durability.maxCheckpointChars(0)).hasMessageContaining("but was 0");
	}

	@Test
	void aRetriedNodeIsNotRetriedWhenItsRecoveryIsNotDeterministic() throws Exception {
		this.dbos = TestDbos.create(this.database.jdbcUrl(), this.database.user(), "faults-1");
		AtomicBoolean recovering = new AtomicBoolean();
		AtomicInteger attempts = new AtomicInteger();
		CountDownLatch quoting = new CountDownLatch(1);
		FunctionNode<String> search = FunctionNode.of("search", (String city) -> "found " + city);
		FunctionNode<String> quote = FunctionNode.of("quote", (String found) -> {
			if (!recovering.get()) {
				quoting.countDown();
				new CountDownLatch(1).await();
			}
			return "quote for " + found;
		});
		// The code changed between the crash and the recovery: the plan searches for another city.
		NodeDefinition<String> plan = FunctionNode.of("plan", (String city) -> {
			attempts.incrementAndGet();
			return Railtracks.call(quote, Railtracks.call(search, recovering.get() ? "Faro" : city));
		}).withMiddleware(Retry.builder().maxAttempts(3).backoff(Duration.ofMillis(1), 1.0).build());
		FunctionNode<String> root = FunctionNode.of("root", (String city) -> Railtracks.call(plan, city));
		Flow<String> flow = Flow.builder("retried", root).config(TestConfigs.NO_SAVE).build();
		Durability durability = Durability.on(this.dbos);
		DurableFlow<String> durable = durability.register(flow);
		durability.launch();
		Thread caller = new Thread(() -> {
			try {
				durable.invoke("retried-1", "Porto");
			}
			catch (RuntimeException expected) {
				// The crash ends the caller's wait too.
			}
		});
		caller.start();
		assertThat(quoting.await(30, TimeUnit.SECONDS)).as("the quote started").isTrue();
		this.dbos.shutdown();
		caller.join(30_000);
		recovering.set(true);
		attempts.set(0);

		this.dbos = TestDbos.create(this.database.jdbcUrl(), this.database.user(), "faults-1");
		Durability restarted = Durability.on(this.dbos);
		DurableFlow<String> recovered = restarted.register(flow);
		restarted.launch();

		// A second attempt would search anew and succeed with an answer to another question.
		assertThatThrownBy(() -> recovered.result("retried-1")).isInstanceOf(DeterminismException.class)
			.hasMessageContaining("call 0.0.0");
		assertThat(attempts).as("the plan ran once on recovery").hasValue(1);
	}

	private void admin(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.database.url());
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}

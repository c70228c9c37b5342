package dev.railtracks.autoconfigure.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.railtracks.ExecutorConfig;
import dev.railtracks.Flow;
import dev.railtracks.FunctionNode;
import dev.railtracks.LoggingSetting;
import dev.railtracks.info.SessionDocument;
import dev.railtracks.store.RetentionPolicy;
import dev.railtracks.store.SavedSession;
import dev.railtracks.store.SessionStore;
import dev.railtracks.store.StoredDocument;
import dev.railtracks.store.StoredSession;
import dev.railtracks.testing.PostgresTestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for the {@link JdbcSessionStore} on a real PostgreSQL ({@code .ci/postgres}): saving, listing, opening,
 * retention by SQL, unsafe ids, a document too large, a database down at start, and two stores (two instances) writing
 * one table at once.
 */
class JdbcSessionStoreTests {

	private static final FunctionNode<String> GREET = FunctionNode.of("greet", (String name) -> "hello " + name);

	private PostgresTestDatabase database;

	private final List<HikariDataSource> pools = new ArrayList<>();

	@BeforeEach
	void createDatabase() {
		this.database = PostgresTestDatabase.create("jdbcstore");
	}

	@AfterEach
	void dropDatabase() {
		this.pools.forEach(HikariDataSource::close);
		this.database.close();
	}

	@Test
	void savesListsAndOpensDocumentsByteForByte() throws Exception {
		JdbcSessionStore store = store(16_000_000);
		List<SessionDocument> documents = documents("Ada", "Grace", "Edsger");
		for (SessionDocument document : documents) {
			SavedSession saved = store.save(document);
			assertThat(saved.location()).startsWith("table railtracks_session in jdbc:postgresql://127.0.0.1:");
		}
		List<StoredSession> listed = store.list(10);
		assertThat(listed).extracting(StoredSession::sessionId)
			.containsExactly(documents.get(2).sessionId(), documents.get(1).sessionId(), documents.get(0).sessionId());
		StoredSession first = listed.get(2);
		assertThat(first.flowName()).isEqualTo("greeter");
		assertThat(first.nodeCount()).isEqualTo(1);
		assertThat(first.file()).isNull();
		assertThat(first.error()).isNull();
		assertThat(first.runs()).singleElement().satisfies((run) -> {
			assertThat(run.name()).isEqualTo("greet");
			assertThat(run.status()).isEqualTo("Completed");
		});
		assertThat(store.list(2)).hasSize(2);
		StoredDocument opened = store.open(documents.get(0).sessionId()).orElseThrow();
		assertThat(new String(opened.json(), StandardCharsets.UTF_8)).isEqualTo(documents.get(0).toJson());
		assertThat(store.open("never-saved")).isEmpty();
	}

	@Test
	void savingASessionAgainReplacesItsRowAndItsRevision() throws Exception {
		JdbcSessionStore store = store(16_000_000);
		SessionDocument document = documents("Ada").get(0);
		store.save(document);
		String revision = store.list(10).get(0).revision();
		store.saveAll(List.of(document, document));
		assertThat(store.list(10)).singleElement().satisfies((session) -> assertThat(session.revision())
			.isNotEqualTo(revision));
	}

	@Test
	void saveAllWritesABatch() throws Exception {
		JdbcSessionStore store = store(16_000_000);
		List<SessionDocument> documents = documents(Collections.nCopies(40, "Ada").toArray(String[]::new));
		assertThat(store.saveAll(documents)).hasSize(40);
		assertThat(store.list(1000)).hasSize(40);
	}

	@Test
	void anUnsafeIdIsRefusedBeforeTheDatabaseIsAsked() throws Exception {
		JdbcSessionStore store = store(16_000_000);
		store.save(documents("Ada").get(0));
		for (String unsafe : List.of("../../etc/passwd", "x' OR '1'='1", "a;DROP TABLE railtracks_session", "")) {
			assertThatIllegalArgumentException().isThrownBy(() -> store.open(unsafe))
				.withMessageStartingWith("Invalid session id '" + unsafe + "'");
		}
		assertThat(store.list(10)).hasSize(1);
	}

	@Test
	void anUnsafeTableOrSchemaNameIsRefusedNamingTheProperty() {
		HikariDataSource pool = pool(this.database.url());
		assertThatIllegalArgumentException().isThrownBy(() -> new JdbcSessionStore(pool, null, "x; DROP", 1))
			.withMessageContaining("railtracks.store.jdbc.table");
		assertThatIllegalArgumentException().isThrownBy(() -> new JdbcSessionStore(pool, "a-b", "sessions", 1))
			.withMessageContaining("railtracks.store.jdbc.schema");
	}

	@Test
	void aTableInAnotherSchemaIsCreatedThere() throws Exception {
		try (Connection connection = this.database.connect(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA history");
		}
		JdbcSessionStore store = new JdbcSessionStore(pool(this.database.url()), "history", "Runs", 16_000_000);
		store.initialize();
		store.save(documents("Ada").get(0));
		assertThat(store.table()).isEqualTo("history.runs");
		assertThat(count("history.runs")).isEqualTo(1);
	}

	@Test
	void aDocumentTooLargeIsNotSavedAndTheErrorSaysTheLimit() throws Exception {
		JdbcSessionStore store = store(200);
		SessionDocument document = documents("Ada").get(0);
		int size = document.toJson().getBytes(StandardCharsets.UTF_8).length;
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> store.save(document))
			.withMessage("The record of session " + document.sessionId() + " is " + size
					+ " bytes of JSON, more than railtracks.store.jdbc.max-document-size (200 bytes)");
		assertThat(store.list(10)).isEmpty();
	}

	@Test
	void retentionKeepsTheNewestUpToMaxSessions() throws Exception {
		JdbcSessionStore store = store(16_000_000);
		List<SessionDocument> documents = documents("a", "b", "c", "d", "e");
		for (int i = 0; i < documents.size(); i++) {
			store.save(documents.get(i));
			savedAt(documents.get(i), Instant.parse("2026-11-26T12:00:00Z").plusSeconds(i));
		}
		RetentionPolicy.Outcome outcome = store.retain(new RetentionPolicy(2, Duration.ofDays(3650), 1_000_000_000),
				Instant.now());
		assertThat(outcome.deleted()).isEqualTo(3);
		assertThat(outcome.kept()).isEqualTo(2);
		assertThat(outcome.deletedBytes() + outcome.keptBytes()).isEqualTo(totalBytes(documents));
		assertThat(store.list(10)).extracting(StoredSession::sessionId)
			.containsExactlyInAnyOrder(documents.get(3).sessionId(), documents.get(4).sessionId());
	}

	@Test
	void retentionDeletesWhatIsOlderThanMaxAgeAndWhatPassesMaxTotalBytes() throws Exception {
		JdbcSessionStore store = store(16_000_000);
		List<SessionDocument> documents = documents("old", "b", "c", "d");
		Instant now = Instant.parse("2026-11-26T12:00:00Z");
		store.saveAll(documents);
		savedAt(documents.get(0), now.minus(Duration.ofDays(8)));
		for (int i = 1; i < documents.size(); i++) {
			savedAt(documents.get(i), now.minusSeconds(10 - i));
		}
		store.retain(new RetentionPolicy(1000, Duration.ofDays(7), 1_000_000_000), now);
		assertThat(store.list(10)).extracting(StoredSession::sessionId).doesNotContain(documents.get(0).sessionId())
			.hasSize(3);
		long newestTwo = totalBytes(documents.subList(2, 4));
		store.retain(new RetentionPolicy(1000, Duration.ofDays(7), newestTwo), now);
		assertThat(store.list(10)).extracting(StoredSession::sessionId)
			.containsExactlyInAnyOrder(documents.get(2).sessionId(), documents.get(3).sessionId());
	}

	@Test
	void aDatabaseDownAtStartIsAClearError() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		HikariDataSource pool = pool("jdbc:postgresql://127.0.0.1:" + closedPort + "/nowhere?user=postgres");
		JdbcSessionStore store = new JdbcSessionStore(pool, null, "railtracks_session", 1000);
		assertThatIllegalStateException().isThrownBy(store::initialize)
			.withMessageStartingWith("railtracks.store.type=jdbc: cannot create or check the session table "
					+ "railtracks_session")
			.withMessageContaining("is the database reachable");
	}

	@Test
	void anExistingTableWithoutAColumnIsAClearError() throws Exception {
		try (Connection connection = this.database.connect(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE railtracks_session (session_id varchar(128) PRIMARY KEY)");
		}
		JdbcSessionStore store = new JdbcSessionStore(pool(this.database.url()), null, "railtracks_session", 1000);
		assertThatIllegalStateException().isThrownBy(store::initialize)
			.withMessageStartingWith("The table railtracks_session in jdbc:postgresql://")
			.withMessageContaining("is not a Railtracks session table")
			.withMessageContaining("column \"flow_name\" does not exist")
			.withMessageEndingWith("drop it, or choose another name with railtracks.store.jdbc.table");
	}

	@Test
	void twoInstancesStartingAndWritingTogetherLoseNothing() throws Exception {
		List<SessionDocument> documents = documents(Collections.nCopies(60, "fleet").toArray(String[]::new));
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> writes = new ArrayList<>();
			for (int instance = 0; instance < 2; instance++) {
				// Each instance has its own pool and creates the table at startup, at the same time as the other.
				HikariDataSource pool = pool(this.database.url());
				writes.add(threads.submit(() -> {
					JdbcSessionStore store = new JdbcSessionStore(pool, null, "railtracks_session", 16_000_000);
					store.initialize();
					// Both save every document, half one at a time and half in batches: one row per session.
					for (int i = 0; i < documents.size(); i += 2) {
						store.save(documents.get(i));
						store.saveAll(List.of(documents.get(i + 1)));
					}
					return null;
				}));
			}
			for (Future<?> write : writes) {
				write.get();
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(count("railtracks_session")).isEqualTo(documents.size());
	}

	private JdbcSessionStore store(long maxDocumentBytes) {
		JdbcSessionStore store = new JdbcSessionStore(pool(this.database.url()), null, "railtracks_session",
				maxDocumentBytes);
		store.initialize();
		return store;
	}

	private HikariDataSource pool(String url) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(url);
		pool.setConnectionTimeout(2000);
		// Created lazily, so that a pool on a closed port fails where the store asks for a connection.
		pool.setInitializationFailTimeout(-1);
		this.pools.add(pool);
		return pool;
	}

	/** Real documents: one greeter flow run per name, in order, each its own session. */
	static List<SessionDocument> documents(String... names) throws IOException {
		List<SessionDocument> documents = new ArrayList<>();
		SessionStore capture = (document) -> {
			documents.add(document);
			return SavedSession.at("memory");
		};
		Flow<String> greeter = Flow.builder("greeter", GREET)
			.config(ExecutorConfig.builder().sessionStore(capture).loggingSetting(LoggingSetting.NONE).build())
			.build();
		for (String name : names) {
			greeter.run(name);
		}
		return documents;
	}

	private void savedAt(SessionDocument document, Instant savedAt) throws SQLException {
		try (Connection connection = this.database.connect();
				var update = connection.prepareStatement("UPDATE railtracks_session SET saved_at = ? WHERE session_id = ?")) {
			update.setTimestamp(1, java.sql.Timestamp.from(savedAt));
			update.setString(2, document.sessionId());
			assertThat(update.executeUpdate()).isEqualTo(1);
		}
	}

	private long count(String table) throws SQLException {
		try (Connection connection = this.database.connect(); Statement statement = connection.createStatement();
				var rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private static long totalBytes(List<SessionDocument> documents) {
		return documents.stream().mapToLong((document) -> document.toJson().getBytes(StandardCharsets.UTF_8).length)
			.sum();
	}

}

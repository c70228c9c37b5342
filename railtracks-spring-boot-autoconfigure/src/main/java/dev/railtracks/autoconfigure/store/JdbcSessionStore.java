package dev.railtracks.autoconfigure.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.railtracks.info.SessionDocument;
import dev.railtracks.store.RetentionPolicy;
import dev.railtracks.store.RunSummary;
import dev.railtracks.store.SavedSession;
import dev.railtracks.store.SessionEnvelope;
import dev.railtracks.store.SessionIds;
import dev.railtracks.store.SessionStore;
import dev.railtracks.store.StoreUnavailableException;
import dev.railtracks.store.StoredDocument;
import dev.railtracks.store.StoredSession;

/**
 * A {@link SessionStore} in one table of a PostgreSQL database, through Spring's {@link JdbcClient}: one row per
 * session, upserted by session id, so that every application instance on the same database lists and opens every
 * instance's sessions (fleet-wide history), and retention is one SQL statement.
 * <p>
 * The row holds the document as {@code text}, exactly as it was serialised (not {@code jsonb}: the visualiser sends
 * a saved document back byte for byte, keeping its key order and number formatting, which {@code jsonb} normalises; a
 * value with a NUL character, which {@code jsonb} refuses, still saves; and the store never queries inside the
 * document, because the listed fields are columns of their own, extracted when the row is written).
 * <p>
 * {@link #initialize()} creates the table and its indexes when missing (under an advisory lock, so instances starting
 * together do not race) and checks that an existing table has every column. Thread-safe.
 */
public final class JdbcSessionStore implements SessionStore {

	/** The columns of schema version 1, all read by {@link #verify()}. */
	static final List<String> COLUMNS = List.of("session_id", "flow_name", "flow_id", "session_name", "start_time",
			"end_time", "node_count", "runs", "document", "document_bytes", "saved_at");

	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<List<RunSummary>> RUNS = new TypeReference<>() {
	};

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	private final JdbcTemplate batches;

	private final String table;

	private final long maxDocumentBytes;

	private final String upsert;

	private volatile String description;

	/**
	 * A store over a table; nothing is read or created until {@link #initialize()}.
	 * @param dataSource the application's database
	 * @param schema the table's schema, or {@code null} for the connection's current schema
	 * @param table the table's name
	 * @param maxDocumentBytes the largest document saved, in bytes of JSON
	 * @throws IllegalArgumentException when the schema or table is not a plain SQL identifier (letters, digits and
	 * {@code _}, at most 63), or the size is not positive
	 */
	public JdbcSessionStore(DataSource dataSource, @Nullable String schema, String table, long maxDocumentBytes) {
		if (schema != null && !IDENTIFIER.matcher(schema).matches()) {
			throw new IllegalArgumentException("Invalid schema '" + schema
					+ "' for railtracks.store.jdbc.schema: use letters, digits and '_' (at most 63, not starting with a digit)");
		}
		if (!IDENTIFIER.matcher(table).matches()) {
			throw new IllegalArgumentException("Invalid table '" + table
					+ "' for railtracks.store.jdbc.table: use letters, digits and '_' (at most 63, not starting with a digit)");
		}
		if (maxDocumentBytes < 1) {
			throw new IllegalArgumentException(
					"railtracks.store.jdbc.max-document-size must be positive but was " + maxDocumentBytes + " bytes");
		}
		this.dataSource = dataSource;
		this.batches = new JdbcTemplate(dataSource);
		this.jdbc = JdbcClient.create(this.batches);
		// Identifiers are checked above and folded as PostgreSQL folds unquoted names.
		this.table = ((schema != null) ? schema + "." : "") + table.toLowerCase(Locale.ROOT);
		this.maxDocumentBytes = maxDocumentBytes;
		this.description = "table " + this.table;
		this.upsert = "INSERT INTO " + this.table + " (" + String.join(", ", COLUMNS) + ") "
				+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now()) ON CONFLICT (session_id) DO UPDATE SET "
				+ String.join(", ", COLUMNS.subList(1, COLUMNS.size()).stream()
					.map((column) -> column + " = EXCLUDED." + column)
					.toList());
	}

	/**
	 * Creates the table and its indexes when missing and checks the table has every column.
	 * @throws IllegalStateException naming the database and the table when it is unreachable, not PostgreSQL, or
	 * the table cannot be created or lacks a column
	 */
	public void initialize() {
		try (Connection connection = this.dataSource.getConnection()) {
			DatabaseMetaData database = connection.getMetaData();
			String url = withoutParameters(database.getURL());
			this.description = "table " + this.table + " in " + url;
			if (!"PostgreSQL".equals(database.getDatabaseProductName())) {
				throw new IllegalStateException("railtracks.store.type=jdbc supports PostgreSQL, but the DataSource ("
						+ url + ") is " + database.getDatabaseProductName());
			}
			createTable(connection);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("railtracks.store.type=jdbc: cannot create or check the session " + this.description
					+ " (" + ex.getMessage() + "); is the database reachable and may the user create tables?", ex);
		}
		verify();
	}

	/**
	 * Checks that the database answers and the table has every column, as the health contributor does.
	 * @throws IllegalStateException naming the table when it does not
	 */
	public void verify() {
		try {
			this.jdbc.sql(probe()).query(Integer.class).single();
		}
		catch (DataAccessException ex) {
			throw new IllegalStateException("The session " + this.description + " cannot be read: "
					+ ex.getMostSpecificCause().getMessage(), ex);
		}
	}

	private void createTable(Connection connection) throws SQLException {
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			// Instances starting together would race on CREATE TABLE IF NOT EXISTS (a duplicate pg_type row).
			statement.execute("SELECT pg_advisory_xact_lock(hashtext('" + this.table + "'))");
			statement.execute("CREATE TABLE IF NOT EXISTS " + this.table + " (session_id varchar(128) PRIMARY KEY, "
					+ "flow_name text, flow_id text, session_name text, start_time double precision, "
					+ "end_time double precision, node_count integer NOT NULL, runs text NOT NULL, "
					+ "document text NOT NULL, document_bytes integer NOT NULL, "
					+ "saved_at timestamp with time zone NOT NULL)");
			checkColumns(statement);
			String index = this.table.substring(this.table.indexOf('.') + 1);
			statement.execute("CREATE INDEX IF NOT EXISTS " + index + "_start_time ON " + this.table
					+ " (start_time DESC NULLS LAST, session_id)");
			statement.execute("CREATE INDEX IF NOT EXISTS " + index + "_saved_at ON " + this.table
					+ " (saved_at DESC, session_id)");
			connection.commit();
		}
		catch (SQLException | RuntimeException ex) {
			connection.rollback();
			throw ex;
		}
		finally {
			connection.setAutoCommit(autoCommit);
		}
	}

	/** A table of the same name made by something else: say so, rather than fail later on each save. */
	private void checkColumns(Statement statement) {
		try {
			statement.execute(probe());
		}
		catch (SQLException ex) {
			throw new IllegalStateException("The " + this.description + " is not a Railtracks session table ("
					+ ex.getMessage() + "): drop it, or choose another name with railtracks.store.jdbc.table", ex);
		}
	}

	private String probe() {
		return "SELECT count(*) FROM (SELECT " + String.join(", ", COLUMNS) + " FROM " + this.table
				+ " LIMIT 0) AS probe";
	}

	@Override
	public SavedSession save(SessionDocument document) throws IOException {
		Object[] row = row(document);
		try {
			this.batches.update(this.upsert, row);
		}
		catch (DataAccessException ex) {
			throw cannotSave(ex);
		}
		return SavedSession.at(this.description);
	}

	/**
	 * Saves the documents as one JDBC batch (one round trip); a document saved twice leaves one row.
	 */
	@Override
	public List<SavedSession> saveAll(List<SessionDocument> documents) throws IOException {
		List<Object[]> rows = new ArrayList<>(documents.size());
		for (SessionDocument document : documents) {
			rows.add(row(document));
		}
		try {
			this.batches.batchUpdate(this.upsert, rows);
		}
		catch (DataAccessException ex) {
			throw cannotSave(ex);
		}
		SavedSession saved = SavedSession.at(this.description);
		return documents.stream().map((document) -> saved).toList();
	}

	/**
	 * The database unreachable, a connection lost or a transient failure is the store's, not the document's: a
	 * {@link StoreUnavailableException}, so that the {@link dev.railtracks.store.SessionWriter} does not try each
	 * document of the batch again, one connection timeout each.
	 */
	private IOException cannotSave(DataAccessException ex) {
		String message = "cannot write to the session " + this.description + ": " + ex.getMostSpecificCause().getMessage();
		if (ex instanceof DataAccessResourceFailureException || ex instanceof TransientDataAccessException
				|| ex instanceof RecoverableDataAccessException) {
			return new StoreUnavailableException(message, ex);
		}
		return new IOException(message, ex);
	}

	private Object[] row(SessionDocument document) throws IOException {
		String json = document.toJson();
		int bytes = json.getBytes(StandardCharsets.UTF_8).length;
		if (bytes > this.maxDocumentBytes) {
			throw new IOException("The record of session " + document.sessionId() + " is " + bytes
					+ " bytes of JSON, more than railtracks.store.jdbc.max-document-size (" + this.maxDocumentBytes
					+ " bytes)");
		}
		StoredSession summary = SessionEnvelope.read(JSON.createParser(json), null, "");
		return new Object[] { document.sessionId(), summary.flowName(), summary.flowId(), summary.sessionName(),
				summary.startTime(), summary.endTime(), summary.nodeCount(), JSON.writeValueAsString(summary.runs()),
				json, bytes };
	}

	@Override
	public List<StoredSession> list(int limit) throws IOException {
		try {
			return this.jdbc
				.sql("SELECT session_id, flow_name, flow_id, session_name, start_time, end_time, node_count, runs, "
						+ "document_bytes, saved_at FROM " + this.table
						+ " ORDER BY start_time DESC NULLS LAST, session_id LIMIT ?")
				.param(limit)
				.query((rs, rowNum) -> {
					String revision = rs.getTimestamp("saved_at").toInstant() + "-" + rs.getInt("document_bytes");
					return new StoredSession(rs.getString("flow_name"), rs.getString("flow_id"),
							rs.getString("session_id"), rs.getString("session_name"), nullableDouble(rs, "start_time"),
							nullableDouble(rs, "end_time"), JSON.readValue(rs.getString("runs"), RUNS),
							rs.getInt("node_count"), null, revision, null);
				})
				.list();
		}
		catch (DataAccessException ex) {
			throw new IOException("cannot read the session " + this.description + ": "
					+ ex.getMostSpecificCause().getMessage(), ex);
		}
	}

	private static @Nullable Double nullableDouble(ResultSet rs, String column) throws SQLException {
		double value = rs.getDouble(column);
		return rs.wasNull() ? null : value;
	}

	@Override
	public Optional<StoredDocument> open(String sessionId) throws IOException {
		SessionIds.require(sessionId);
		try {
			return this.jdbc.sql("SELECT document FROM " + this.table + " WHERE session_id = ?")
				.param(sessionId)
				.query(String.class)
				.optional()
				.map((json) -> new StoredDocument("session '" + sessionId + "' in " + this.table,
						json.getBytes(StandardCharsets.UTF_8)));
		}
		catch (DataAccessException ex) {
			throw new IOException("cannot read the session " + this.description + ": "
					+ ex.getMostSpecificCause().getMessage(), ex);
		}
	}

	/**
	 * {@inheritDoc} One {@code DELETE}: rows are ranked newest first by when they were saved; a row goes when it is
	 * past {@code maxSessions}, saved before {@code now - maxAge}, or when the documents up to and including it pass
	 * {@code maxTotalBytes}.
	 */
	@Override
	public RetentionPolicy.Outcome retain(RetentionPolicy policy, Instant now) throws IOException {
		try {
			List<Integer> deleted = this.jdbc.sql("WITH ranked AS (SELECT session_id, saved_at, "
					+ "row_number() OVER newest AS position, sum(document_bytes) OVER newest AS running_bytes FROM "
					+ this.table + " WINDOW newest AS (ORDER BY saved_at DESC, session_id ROWS UNBOUNDED PRECEDING)) "
					+ "DELETE FROM " + this.table + " doomed USING ranked WHERE doomed.session_id = ranked.session_id "
					+ "AND (ranked.position > ? OR ranked.running_bytes > ? OR ranked.saved_at < ?) "
					+ "RETURNING doomed.document_bytes")
				.param(policy.maxSessions())
				.param(policy.maxTotalBytes())
				.param(Timestamp.from(now.minus(policy.maxAge())))
				.query(Integer.class)
				.list();
			return this.jdbc.sql("SELECT count(*) AS kept, coalesce(sum(document_bytes), 0) AS kept_bytes FROM "
					+ this.table)
				.query((rs, rowNum) -> new RetentionPolicy.Outcome(deleted.size(),
						deleted.stream().mapToLong(Integer::longValue).sum(), rs.getInt("kept"),
						rs.getLong("kept_bytes")))
				.single();
		}
		catch (DataAccessException ex) {
			throw new IOException("cannot apply retention to the session " + this.description + ": "
					+ ex.getMostSpecificCause().getMessage(), ex);
		}
	}

	/**
	 * The table, schema-qualified when a schema was given.
	 * @return the table's name as used in SQL
	 */
	public String table() {
		return this.table;
	}

	/**
	 * The table and the database (its URL without parameters, once {@link #initialize() initialized}), which is how
	 * a failure names the store.
	 * @return for example {@code table railtracks_session in jdbc:postgresql://db:5432/app}
	 */
	@Override
	public String toString() {
		return this.description;
	}

	private static String withoutParameters(String url) {
		int parameters = url.indexOf('?');
		return (parameters < 0) ? url : url.substring(0, parameters);
	}

}

package dev.railtracks.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh, empty PostgreSQL database on the server that {@code .ci/postgres} starts (the durable-run and JDBC-store
 * tests run against real PostgreSQL, never a mock). Each instance creates its own database, so test classes running at
 * the same time, and app instances started by one test, never see each other's tables unless they share the URL;
 * {@link #close()} drops it.
 *
 * <p>The server is found through {@code RAILTRACKS_TEST_POSTGRES_URL} (default: the one {@code .ci/postgres} prints).
 * When it does not answer, the test fails with the command that starts it: a durable test is never skipped.
 */
public final class PostgresTestDatabase implements AutoCloseable {

    /** Where {@code .ci/postgres} listens; overridden by the environment variable of the same purpose. */
    public static final String DEFAULT_SERVER_URL = "jdbc:postgresql://127.0.0.1:55432/postgres?user=postgres";

    private final String serverUrl;
    private final String name;

    private PostgresTestDatabase(String serverUrl, String name) {
        this.serverUrl = serverUrl;
        this.name = name;
    }

    /** Creates a database named after {@code purpose} plus a random suffix, e.g. {@code rt_jdbcstore_3f2a9c1b}. */
    public static PostgresTestDatabase create(String purpose) {
        String serverUrl = System.getenv().getOrDefault("RAILTRACKS_TEST_POSTGRES_URL", DEFAULT_SERVER_URL);
        String name = "rt_" + purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "") + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = DriverManager.getConnection(serverUrl); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + serverUrl + " is not reachable (" + e.getMessage()
                    + "): start it with .ci/postgres, or point RAILTRACKS_TEST_POSTGRES_URL at a server", e);
        }
        return new PostgresTestDatabase(serverUrl, name);
    }

    /** The JDBC URL of this database, with the server's user; for a {@code DataSource} or DBOS's configuration. */
    public String url() {
        return jdbcUrl() + "?user=" + user();
    }

    /** The JDBC URL without credentials. */
    public String jdbcUrl() {
        int path = serverUrl.indexOf('/', "jdbc:postgresql://".length());
        return serverUrl.substring(0, path + 1) + name;
    }

    /** The user the server trusts ({@code postgres} for {@code .ci/postgres}). */
    public String user() {
        int user = serverUrl.indexOf("user=");
        return user < 0 ? "postgres" : serverUrl.substring(user + "user=".length()).split("&")[0];
    }

    /** The database's name. */
    public String name() {
        return name;
    }

    /** Opens a connection to this database. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url());
    }

    /** Drops the database, closing the connections still open to it. */
    @Override
    public void close() {
        try (Connection admin = DriverManager.getConnection(serverUrl); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test database " + name + " at " + serverUrl, e);
        }
    }
}

package dev.railtracks.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class PostgresTestDatabaseTests {

    @Test
    void createsAnEmptyDatabaseAndDropsItOnClose() throws Exception {
        PostgresTestDatabase database = PostgresTestDatabase.create("Self Test");
        assertThat(database.name()).startsWith("rt_selftest_");
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE probe (id int)");
            ResultSet rows = statement.executeQuery("SELECT current_database()");
            rows.next();
            assertThat(rows.getString(1)).isEqualTo(database.name());
        }
        database.close();
        try (PostgresTestDatabase other = PostgresTestDatabase.create("self test");
                Connection connection = other.connect();
                Statement statement = connection.createStatement()) {
            ResultSet rows = statement.executeQuery(
                    "SELECT count(*) FROM pg_database WHERE datname = '" + database.name() + "'");
            rows.next();
            assertThat(rows.getInt(1)).isZero();
        }
    }
}

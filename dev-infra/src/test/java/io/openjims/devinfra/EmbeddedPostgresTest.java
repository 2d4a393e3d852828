package io.openjims.devinfra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class EmbeddedPostgresTest {

    @Test
    void writesAndReadsARowInARealServer() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start();
                Connection connection = postgres.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS probe (ip inet PRIMARY KEY, username text)");
            statement.execute("INSERT INTO probe VALUES ('10.1.2.3', 'alice') ON CONFLICT (ip) DO NOTHING");
            ResultSet rows = statement.executeQuery("SELECT username, version() FROM probe WHERE ip = '10.1.2.3'");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("alice");
            assertThat(rows.getString(2)).startsWith("PostgreSQL 17");
            assertThat(postgres.reactiveUrl()).startsWith("postgresql://").doesNotContain("?");
        }
    }

    @Test
    void aDurableServerKeepsItsDataAcrossRestarts() throws Exception {
        Path data = Files.createTempDirectory("openjims-pg-durable").resolve("data");
        try {
            try (EmbeddedPostgres first = EmbeddedPostgres.startEmbedded(data, 0, true);
                    Connection connection = first.connect();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE kept (id int)");
                statement.execute("INSERT INTO kept VALUES (42)");
                ResultSet fsync = statement.executeQuery("SHOW fsync");
                fsync.next();
                assertThat(fsync.getString(1)).isEqualTo("on");
            }
            try (EmbeddedPostgres second = EmbeddedPostgres.startEmbedded(data, 0, true);
                    Connection connection = second.connect();
                    Statement statement = connection.createStatement()) {
                ResultSet rows = statement.executeQuery("SELECT id FROM kept");
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(42);
            }
        } finally {
            Directories.deleteRecursively(data.getParent());
        }
    }
}

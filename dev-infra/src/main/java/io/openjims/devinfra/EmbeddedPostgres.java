package io.openjims.devinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL server: the zonky embedded binaries (PostgreSQL 17) on a free loopback port, or an external
 * server when {@code OPENJIMS_TEST_PG_URL}, {@code OPENJIMS_TEST_PG_USER} and {@code OPENJIMS_TEST_PG_PASSWORD} are
 * set.
 *
 * <p>PostgreSQL refuses to run as root; zonky then runs it inside a new user namespace ({@code unshare -U}).
 */
public final class EmbeddedPostgres implements AutoCloseable {

    public static final String ENV_URL = "OPENJIMS_TEST_PG_URL";
    public static final String ENV_USER = "OPENJIMS_TEST_PG_USER";
    public static final String ENV_PASSWORD = "OPENJIMS_TEST_PG_PASSWORD";

    static final String DATABASE = "openjims";

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private final String jdbcUrl;
    private final String username;
    private final String password;

    private EmbeddedPostgres(
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres server,
            String jdbcUrl,
            String username,
            String password) {
        this.server = server;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
    }

    /**
     * The external server named by the environment, or else a throw-away embedded one (fsync off, data deleted on
     * close).
     */
    public static EmbeddedPostgres start() {
        String url = System.getenv(ENV_URL);
        if (url != null && !url.isBlank()) {
            return new EmbeddedPostgres(
                    null, url, System.getenv().getOrDefault(ENV_USER, "postgres"), System.getenv(ENV_PASSWORD));
        }
        return startEmbedded(null, 0, false);
    }

    /**
     * An embedded server that keeps its data in {@code dataDirectory} across restarts.
     *
     * @param port the port, 0 for a free one
     * @param durable whether to turn {@code fsync} and {@code synchronous_commit} on (the local stack does)
     */
    public static EmbeddedPostgres startEmbedded(Path dataDirectory, int port, boolean durable) {
        try {
            var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setPort(port == 0 ? FreePorts.next() : port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("max_connections", "200");
            if (durable) {
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
            }
            if (dataDirectory != null) {
                Files.createDirectories(dataDirectory.getParent());
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres server = builder.start();
            String adminUrl = server.getJdbcUrl("postgres", "postgres");
            createDatabaseIfMissing(adminUrl, DATABASE);
            return new EmbeddedPostgres(server, server.getJdbcUrl("postgres", DATABASE), "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }

    /** JDBC URL, e.g. {@code jdbc:postgresql://localhost:5432/openjims?user=postgres}. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The same server as a Vert.x reactive client URL ({@code postgresql://host:port/db}). */
    public String reactiveUrl() {
        return connection().reactiveUrl();
    }

    public PostgresConnection connection() {
        return new PostgresConnection(jdbcUrl, username, password);
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public boolean isEmbedded() {
        return server != null;
    }

    public int port() {
        return server == null ? -1 : server.getPort();
    }

    public Connection connect() throws SQLException {
        return connection().connect();
    }

    @Override
    public void close() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not stop the embedded PostgreSQL", e);
            }
        }
    }

    private static void createDatabaseIfMissing(String adminUrl, String database) {
        try (Connection connection = DriverManager.getConnection(adminUrl);
                Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'");
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database, e);
        }
    }
}

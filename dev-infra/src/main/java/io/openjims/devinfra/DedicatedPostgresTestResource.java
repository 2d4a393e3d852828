package io.openjims.devinfra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * An embedded PostgreSQL of its own for one test class, for tests that stop the database and start it again (same
 * port, same data) without disturbing the shared one. Control it with {@link #stopServer()} and
 * {@link #restartServer()}.
 */
public class DedicatedPostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile Path dataDirectory;
    private static volatile int port;
    private static volatile EmbeddedPostgres server;

    public static synchronized void stopServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    public static synchronized void restartServer() {
        if (server == null) {
            server = EmbeddedPostgres.startEmbedded(dataDirectory, port, false);
        }
    }

    @Override
    public synchronized Map<String, String> start() {
        try {
            dataDirectory = Files.createTempDirectory("openjims-pg-dedicated").resolve("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        port = FreePorts.next();
        server = EmbeddedPostgres.startEmbedded(dataDirectory, port, false);
        PostgresConnection connection = server.connection();
        return Map.of(
                "quarkus.datasource.username", connection.username(),
                "quarkus.datasource.password", connection.password(),
                "quarkus.datasource.jdbc.url", connection.jdbcUrl(),
                "quarkus.datasource.reactive.url", connection.reactiveUrl());
    }

    @Override
    public synchronized void stop() {
        try {
            stopServer();
        } finally {
            Directories.deleteRecursively(dataDirectory.getParent());
        }
    }
}

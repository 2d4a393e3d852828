package io.openjims.devinfra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Hands a Quarkus test the shared PostgreSQL: the JDBC URL (for Flyway) and the reactive URL, with credentials. The
 * server outlives the test class; it stops with the JVM.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        PostgresConnection postgres = SharedInfra.postgres();
        return Map.of(
                "quarkus.datasource.db-kind", "postgresql",
                "quarkus.datasource.username", postgres.username(),
                "quarkus.datasource.password", postgres.password(),
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(),
                "quarkus.datasource.reactive.url", postgres.reactiveUrl());
    }

    @Override
    public void stop() {
        // Shared by all test classes of this JVM; stopped by SharedInfra's shutdown hook.
    }
}

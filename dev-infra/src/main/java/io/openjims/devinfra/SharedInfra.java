package io.openjims.devinfra;

/**
 * One Kafka broker and one PostgreSQL per JVM, started on first use and shared by every test class, stopped when the
 * JVM exits.
 *
 * <p>Quarkus loads test resources in a fresh class loader each time it restarts the application, so the shared state
 * lives in system properties (plain strings), not in static fields.
 */
public final class SharedInfra {

    private static final String KAFKA = "openjims.devinfra.kafka.bootstrap";
    private static final String PG_JDBC = "openjims.devinfra.pg.jdbc-url";
    private static final String PG_USER = "openjims.devinfra.pg.username";
    private static final String PG_PASSWORD = "openjims.devinfra.pg.password";

    private SharedInfra() {}

    /** Bootstrap servers of the JVM's shared broker, started on first call. */
    public static String kafkaBootstrapServers() {
        synchronized (System.getProperties()) {
            String bootstrap = System.getProperty(KAFKA);
            if (bootstrap == null) {
                long started = System.nanoTime();
                EmbeddedKafka kafka = EmbeddedKafka.start();
                stopOnExit(kafka);
                kafka.createStartupTopics();
                bootstrap = kafka.bootstrapServers();
                System.setProperty(KAFKA, bootstrap);
                System.out.printf(
                        "[dev-infra] embedded Kafka broker (KRaft) started on %s in %d ms%n",
                        bootstrap, (System.nanoTime() - started) / 1_000_000);
            }
            return bootstrap;
        }
    }

    /** Connection details of the JVM's shared PostgreSQL, started on first call. */
    public static PostgresConnection postgres() {
        synchronized (System.getProperties()) {
            if (System.getProperty(PG_JDBC) == null) {
                long started = System.nanoTime();
                EmbeddedPostgres postgres = EmbeddedPostgres.start();
                stopOnExit(postgres);
                System.setProperty(PG_JDBC, postgres.jdbcUrl());
                System.setProperty(PG_USER, postgres.username());
                System.setProperty(PG_PASSWORD, postgres.password() == null ? "" : postgres.password());
                System.out.printf(
                        "[dev-infra] %s PostgreSQL ready at %s in %d ms%n",
                        postgres.isEmbedded() ? "embedded" : "external",
                        postgres.jdbcUrl(),
                        (System.nanoTime() - started) / 1_000_000);
            }
            return new PostgresConnection(
                    System.getProperty(PG_JDBC), System.getProperty(PG_USER), System.getProperty(PG_PASSWORD));
        }
    }

    private static void stopOnExit(AutoCloseable resource) {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                resource.close();
                            } catch (Exception e) {
                                System.err.println("[dev-infra] cleanup failed: " + e);
                            }
                        },
                        "dev-infra-shutdown"));
    }
}

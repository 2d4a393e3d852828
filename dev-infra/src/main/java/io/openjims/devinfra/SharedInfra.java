package io.openjims.devinfra;

/**
 * One Kafka broker and one PostgreSQL per JVM, started on first use and shared by every test class, stopped when
 * the JVM exits.
 */
public final class SharedInfra {

    private static EmbeddedKafka kafka;
    private static EmbeddedPostgres postgres;
    private static boolean hookInstalled;

    private SharedInfra() {}

    public static synchronized EmbeddedKafka kafka() {
        if (kafka == null) {
            long started = System.nanoTime();
            kafka = EmbeddedKafka.start();
            System.out.printf(
                    "[dev-infra] embedded Kafka broker (KRaft) started on %s in %d ms%n",
                    kafka.bootstrapServers(), (System.nanoTime() - started) / 1_000_000);
            installShutdownHook();
        }
        return kafka;
    }

    public static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            long started = System.nanoTime();
            postgres = EmbeddedPostgres.start();
            System.out.printf(
                    "[dev-infra] %s PostgreSQL ready at %s in %d ms%n",
                    postgres.isEmbedded() ? "embedded" : "external",
                    postgres.jdbcUrl(),
                    (System.nanoTime() - started) / 1_000_000);
            installShutdownHook();
        }
        return postgres;
    }

    private static void installShutdownHook() {
        if (!hookInstalled) {
            hookInstalled = true;
            Runtime.getRuntime().addShutdownHook(new Thread(SharedInfra::stopAll, "dev-infra-shutdown"));
        }
    }

    static synchronized void stopAll() {
        try {
            if (kafka != null) {
                kafka.close();
            }
        } finally {
            kafka = null;
            try {
                if (postgres != null) {
                    postgres.close();
                }
            } finally {
                postgres = null;
            }
        }
    }
}

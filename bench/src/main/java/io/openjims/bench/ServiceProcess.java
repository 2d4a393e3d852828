package io.openjims.bench;

import io.openjims.devinfra.EmbeddedKafka;
import io.openjims.devinfra.EmbeddedPostgres;
import io.openjims.devinfra.FreePorts;
import io.openjims.devinfra.local.LocalPki;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A packaged service ({@code quarkus-run.jar}) started as its own process on the benchmark's Kafka and PostgreSQL. */
public final class ServiceProcess {

    private static final java.util.Map<Integer, Integer> MANAGEMENT_PORTS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static LocalPki pki;

    private ServiceProcess() {}

    /**
     * The benchmark's CA and localhost certificate (created once per run in a temporary directory), as the local stack
     * makes them: the services serve HTTPS with it; HTTPS clients trust {@link LocalPki#clientContext()}.
     */
    public static synchronized LocalPki pki() throws java.io.IOException {
        if (pki == null) {
            pki = LocalPki.loadOrCreate(java.nio.file.Files.createTempDirectory("bench-pki-"));
        }
        return pki;
    }

    /** The management port (health, metrics) of the service serving plain HTTP on {@code httpPort}. */
    public static int managementPortFor(int httpPort) {
        return MANAGEMENT_PORTS.computeIfAbsent(httpPort, p -> FreePorts.next());
    }

    /**
     * Starts the jar with the infrastructure settings plus {@code extraEnv}, serving plain HTTP on {@code httpPort},
     * and returns once {@code /q/health/ready} answers 200 on its management port ({@link #managementPortFor}).
     */
    public static Process start(
            Path jar,
            Path log,
            EmbeddedKafka kafka,
            EmbeddedPostgres pg,
            int httpPort,
            Map<String, String> extraEnv,
            Duration readyWithin,
            List<String> jvmOptions)
            throws Exception {
        List<String> options = new ArrayList<>(jvmOptions);
        options.addAll(extraJvmOptions());
        if (options.stream().noneMatch(ServiceProcess::selectsGarbageCollector)) {
            options.add("-XX:+UseParallelGC"); // what the UBI OpenJDK images' run-java.sh selects by default
        }
        List<String> command = new ArrayList<>(List.of("java", "-Xmx1g"));
        command.addAll(options);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("OPENJIMS_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        env.put("OPENJIMS_DB_REACTIVE_URL", pg.reactiveUrl());
        env.put("OPENJIMS_DB_JDBC_URL", pg.jdbcUrl());
        env.put("OPENJIMS_DB_USER", pg.username());
        env.put("OPENJIMS_DB_PASSWORD", pg.password() == null ? "" : pg.password());
        env.put("OPENJIMS_HTTP_DEBUG", "true");
        env.put("QUARKUS_HTTP_PORT", String.valueOf(httpPort));
        env.put("QUARKUS_HTTP_SSL_PORT", String.valueOf(FreePorts.next()));
        env.put("OPENJIMS_MANAGEMENT_PORT", String.valueOf(managementPortFor(httpPort)));
        env.put("OPENJIMS_TLS_CERT_FILE", pki().serverCertificate().toString());
        env.put("OPENJIMS_TLS_KEY_FILE", pki().serverKey().toString());
        env.putAll(extraEnv);
        Process process = pb.start();
        awaitReady(
                process,
                URI.create("http://127.0.0.1:" + managementPortFor(httpPort) + "/q/health/ready"),
                log,
                readyWithin);
        return process;
    }

    /**
     * Extra JVM options for the services from {@code BENCH_SERVICE_JAVA_OPTS} (profiling, GC logs, experiments), e.g.
     * {@code -XX:StartFlightRecording=filename=/tmp/s.jfr}.
     */
    public static List<String> extraJvmOptions() {
        String extra = System.getenv("BENCH_SERVICE_JAVA_OPTS");
        return extra == null || extra.isBlank()
                ? List.of()
                : List.of(extra.trim().split("\\s+"));
    }

    /** Whether a JVM option selects the garbage collector ({@code -XX:+UseG1GC} and the like). */
    public static boolean selectsGarbageCollector(String option) {
        return option.matches("-XX:\\+Use\\w+GC");
    }

    private static void awaitReady(Process process, URI ready, Path log, Duration within) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("service exited; see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (Exception e) {
                // not up yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("service not ready within " + within + "; see " + log);
            }
            Thread.sleep(250);
        }
    }
}

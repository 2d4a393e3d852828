package io.openjims.bench.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.openjims.bench.BenchJwt;
import io.openjims.bench.ServiceProcess;
import io.openjims.devinfra.EmbeddedKafka;
import io.openjims.devinfra.EmbeddedPostgres;
import io.openjims.devinfra.FreePorts;
import io.openjims.model.SessionState;
import io.openjims.model.Topics;
import io.openjims.model.kafka.JsonCodec;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * push-service end to end on this machine: the real service (its packaged quarkus-app) on an embedded Kafka broker
 * and PostgreSQL, HTTPS receivers with a private CA and Basic auth in this JVM.
 *
 * <ol>
 *   <li>throughput: N session changes written at once, time until one tenant acknowledged all of them;
 *   <li>spread: T tenants, R changes/s for S seconds spread over their own domains (each change to one tenant);
 *       latency = receipt at the tenant minus the change's write time;
 *   <li>fan-out: the same T tenants also hold one shared domain, R changes/s to it, each change delivered to every
 *       tenant.
 * </ol>
 *
 * <p>Usage: {@code bench/run.sh io.openjims.bench.push.PushBench [items=100000] [tenants=50] [rate=2000]
 * [seconds=20] [warm-up-seconds=15]} (the warm-up runs the shared load before the measured scenarios). Needs {@code ./mvnw -pl push-service package -DskipTests} first.
 */
public final class PushBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "Bench-Pass-1";
    private static final java.util.concurrent.atomic.AtomicInteger NEXT_ADDRESS =
            new java.util.concurrent.atomic.AtomicInteger(1);

    private final Map<String, String> tenantByAuth = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> received = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> maxLatency = new ConcurrentHashMap<>();
    private final AtomicLongArray histogram = new AtomicLongArray(60_001);
    private final AtomicLong requests = new AtomicLong();
    private final HttpClient http = HttpClient.newHttpClient();
    private String adminUrl;
    private String token;

    public static void main(String[] args) throws Exception {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int tenants = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int warmupSeconds = args.length > 4 ? Integer.parseInt(args[4]) : 15;
        new PushBench().run(items, tenants, rate, seconds, warmupSeconds);
        System.exit(0);
    }

    private void run(int items, int tenants, int rate, int seconds, int warmupSeconds) throws Exception {
        Path jar = Path.of("push-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Build push-service first: ./mvnw -pl push-service package -DskipTests");
        }
        Path work = Files.createTempDirectory("push-bench");
        System.out.printf("cores: %d, work dir %s%n", Runtime.getRuntime().availableProcessors(), work);
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                EmbeddedPostgres pg = EmbeddedPostgres.start()) {
            kafka.createStartupTopics();
            kafka.createCompactedTopic(Topics.DIRECTORY, 2);
            kafka.createCompactedTopic(Topics.SESSIONS, 4);
            kafka.createCompactedTopic(Topics.COLLECTORS, 1);
            BenchPki pki = new BenchPki();
            int receiverPort = startReceiver(pki);
            Process service = startService(jar, work, kafka, pg, pki);
            try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
                throughput(producer, receiverPort, pki, items);
                fanOut(producer, receiverPort, pki, tenants, rate, seconds, warmupSeconds);
            } finally {
                service.destroy();
                service.waitFor();
            }
        }
    }

    // ------------------------------------------------------------------ scenarios

    private void throughput(KafkaProducer<String, byte[]> producer, int port, BenchPki pki, int items)
            throws Exception {
        String tenant = createTenant("throughput", List.of("tp.bench"), port, pki);
        awaitConnected(tenant);
        long start = System.nanoTime();
        for (int i = 0; i < items; i++) {
            producer.send(record("tp.bench", Instant.now()));
        }
        producer.flush();
        double produceSeconds = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (received.get("throughput").get() < items && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long got = received.get("throughput").get();
        System.out.printf(
                "%n[throughput] %d changes written in %.2f s (%.0f/s); %d delivered to one tenant in %.2f s"
                        + " = %.0f items/s, %d HTTPS requests%n",
                items, produceSeconds, items / produceSeconds, got, seconds, got / seconds, requests.get());
        deleteTenant(tenant);
    }

    private void fanOut(
            KafkaProducer<String, byte[]> producer,
            int port,
            BenchPki pki,
            int tenants,
            int rate,
            int seconds,
            int warmupSeconds)
            throws Exception {
        List<String> ids = new ArrayList<>();
        long created = System.nanoTime();
        for (int t = 0; t < tenants; t++) {
            ids.add(createTenant("fan-" + t, List.of("shared.bench", "t" + t + ".bench"), port, pki));
        }
        for (String id : ids) {
            awaitConnected(id);
        }
        System.out.printf(
                "%n%d tenants created and connected (full state sent) in %.1f s%n",
                tenants, (System.nanoTime() - created) / 1e9);
        // A warm-up at the shared scenario's load first (a fresh JVM compiles its hot paths), not counted; then the
        // lighter scenario, so a backlog of the heavy one cannot spill into its figures.
        List<String> modes = warmupSeconds > 0 ? List.of("warm-up", "spread", "shared") : List.of("spread", "shared");
        for (String mode : modes) {
            resetLatency();
            long before = totalReceived();
            boolean everyTenant = !mode.equals("spread");
            long changes = (long) rate * (mode.equals("warm-up") ? warmupSeconds : seconds);
            long expected = everyTenant ? changes * tenants : changes;
            long start = System.nanoTime();
            long sent = 0;
            while (sent < changes) {
                long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
                while (sent < Math.min(due, changes)) {
                    String domain = everyTenant ? "shared.bench" : "t" + (sent % tenants) + ".bench";
                    producer.send(record(domain, Instant.now()));
                    sent++;
                }
                Thread.sleep(2);
            }
            producer.flush();
            double produceSeconds = (System.nanoTime() - start) / 1e9;
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (totalReceived() - before < expected && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            long delivered = totalReceived() - before;
            System.out.printf(
                    "%n[fan-out %s] %d changes at %.0f/s over %.1f s to %d tenants (%s): %d of %d deliveries"
                            + " arrived%n",
                    mode,
                    changes,
                    changes / produceSeconds,
                    produceSeconds,
                    tenants,
                    everyTenant ? "every change to every tenant" : "each change to one tenant",
                    delivered,
                    expected);
            printLatency();
        }
    }

    // ------------------------------------------------------------------ receiver

    private int startReceiver(BenchPki pki) throws Exception {
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.setHttpsConfigurator(new HttpsConfigurator(pki.serverContext()));
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/push", this::receive);
        server.start();
        return server.getAddress().getPort();
    }

    private void receive(HttpExchange exchange) {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String tenant =
                    tenantByAuth.get(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            if (tenant == null) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            long now = System.currentTimeMillis();
            JsonNode batch = JSON.readTree(body);
            long count = 0;
            long worst = 0;
            for (JsonNode item : batch.path("items")) {
                count++;
                JsonNode ts = item.get("timestamp");
                if (ts != null) {
                    long latency = Math.max(0, now - Instant.parse(ts.asText()).toEpochMilli());
                    histogram.incrementAndGet((int) Math.min(latency, 60_000));
                    worst = Math.max(worst, latency);
                }
            }
            received.computeIfAbsent(tenant, t -> new AtomicLong()).addAndGet(count);
            long w = worst;
            maxLatency.computeIfAbsent(tenant, t -> new AtomicLong()).accumulateAndGet(w, Math::max);
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
        } catch (Exception e) {
            System.err.println("receiver: " + e);
        }
    }

    private long totalReceived() {
        return received.values().stream().mapToLong(AtomicLong::get).sum();
    }

    private void resetLatency() {
        for (int i = 0; i < histogram.length(); i++) {
            histogram.set(i, 0);
        }
        maxLatency.values().forEach(v -> v.set(0));
    }

    private void printLatency() {
        long total = 0;
        for (int i = 0; i < histogram.length(); i++) {
            total += histogram.get(i);
        }
        if (total == 0) {
            System.out.println("no deliveries");
            return;
        }
        long seen = 0;
        long within1s = 0;
        StringBuilder out = new StringBuilder("latency (write -> tenant acknowledged receipt):");
        double[] marks = {0.5, 0.95, 0.99, 0.999, 1.0};
        int mark = 0;
        for (int i = 0; i < histogram.length() && mark < marks.length; i++) {
            seen += histogram.get(i);
            if (i <= 1_000) {
                within1s = seen;
            }
            while (mark < marks.length && seen >= Math.ceil(marks[mark] * total)) {
                out.append(String.format(" p%s=%d ms", marks[mark] == 1.0 ? "100" : fmt(marks[mark] * 100), i));
                mark++;
            }
        }
        long slowestTenant =
                maxLatency.values().stream().mapToLong(AtomicLong::get).max().orElse(0);
        System.out.println(out);
        System.out.printf(
                "within 1 s: %.3f%% of %d deliveries; worst tenant's max latency %d ms%n",
                100.0 * within1s / total, total, slowestTenant);
    }

    private static String fmt(double p) {
        return p == Math.floor(p) ? String.valueOf((int) p) : String.valueOf(p);
    }

    // ------------------------------------------------------------------ service and admin API

    private Process startService(Path jar, Path work, EmbeddedKafka kafka, EmbeddedPostgres pg, BenchPki pki)
            throws Exception {
        KeyPair jwt = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        Path publicKey = BenchJwt.writePublicKey(jwt, work.resolve("jwt-public.pem"));
        token = BenchJwt.sign(jwt, "bench", "admin", "openjims-push");
        Path cert = work.resolve("tls.crt");
        Path key = work.resolve("tls.key");
        Files.writeString(cert, BenchPki.pem(pki.server));
        Files.writeString(key, BenchPki.pem(pki.serverKeys.getPrivate()));
        int httpPort = FreePorts.next();
        byte[] aes = new byte[32];
        new SecureRandom().nextBytes(aes);
        long started = System.nanoTime();
        Process process = ServiceProcess.start(
                jar,
                work.resolve("push-service.log"),
                kafka,
                pg,
                httpPort,
                Map.of(
                        "OPENJIMS_JWT_PUBLIC_KEY_FILE", publicKey.toString(),
                        "OPENJIMS_TLS_CERT_FILE", cert.toString(),
                        "OPENJIMS_TLS_KEY_FILE", key.toString(),
                        "OPENJIMS_PUSH_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(aes),
                        "OPENJIMS_PUSH_ALLOW_LOOPBACK_ENDPOINTS", "true"),
                Duration.ofSeconds(180),
                // G1, as the push-service deployment selects (GC_CONTAINER_OPTIONS): ParallelGC's full collections
                // of the tenants' delivery state stopped delivery for 0.7-1.3 s.
                List.of("-XX:+UseG1GC"));
        adminUrl = "http://127.0.0.1:" + httpPort;
        System.out.printf("push-service ready in %.1f s (log: %s)%n", (System.nanoTime() - started) / 1e9, work);
        return process;
    }

    private String createTenant(String name, List<String> domains, int port, BenchPki pki) throws Exception {
        Map<String, Object> body = Map.of(
                "name",
                name,
                "kind",
                "cso",
                "endpoint",
                "https://localhost:" + port + "/push",
                "domains",
                domains,
                "password",
                PASSWORD,
                "ca_pem",
                BenchPki.pem(pki.ca));
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(adminUrl + "/api/admin/tenants"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("create tenant: " + response.statusCode() + " " + response.body());
        }
        JsonNode tenant = JSON.readTree(response.body());
        String auth = "Basic "
                + Base64.getEncoder()
                        .encodeToString(
                                (tenant.path("username").asText() + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        tenantByAuth.put(auth, name);
        received.put(name, new AtomicLong());
        return tenant.path("id").asText();
    }

    private void awaitConnected(String id) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(adminUrl + "/api/admin/tenants/" + id))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (JSON.readTree(r.body()).path("status").asText().equals("connected")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("tenant " + id + " not connected");
    }

    private void deleteTenant(String id) throws Exception {
        http.send(
                HttpRequest.newBuilder(URI.create(adminUrl + "/api/admin/tenants/" + id))
                        .header("Authorization", "Bearer " + token)
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.discarding());
    }

    // ------------------------------------------------------------------ Kafka

    private static KafkaProducer<String, byte[]> producer(EmbeddedKafka kafka) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.LINGER_MS_CONFIG,
                        2),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    private static ProducerRecord<String, byte[]> record(String domain, Instant at) {
        int n = NEXT_ADDRESS.getAndIncrement();
        String ip = "10." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
        SessionState session = new SessionState(
                "bench-" + n,
                SessionState.SCHEMA_VERSION,
                ip,
                domain,
                "user" + (n % 5_000),
                List.of("staff", "vpn"),
                null,
                null,
                null,
                at,
                at.plusSeconds(3600),
                n);
        return new ProducerRecord<>(Topics.SESSIONS, ip, JsonCodec.toBytes(session));
    }
}

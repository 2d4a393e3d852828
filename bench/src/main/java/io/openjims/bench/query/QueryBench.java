package io.openjims.bench.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openjims.bench.BenchJwt;
import io.openjims.bench.CpuMeter;
import io.openjims.bench.ServiceProcess;
import io.openjims.devinfra.EmbeddedKafka;
import io.openjims.devinfra.EmbeddedPostgres;
import io.openjims.devinfra.FreePorts;
import io.openjims.model.Device;
import io.openjims.model.EventSource;
import io.openjims.model.IdentityEvent;
import io.openjims.model.Operation;
import io.openjims.model.Topics;
import io.openjims.model.kafka.IdentityEventSerializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * query-service end to end on this machine: the packaged service on an embedded Kafka broker and PostgreSQL, serving
 * HTTPS with the local stack's certificates ({@link ServiceProcess#pki()}).
 *
 * <ol>
 *   <li>materialization: N logon events (N distinct addresses) produced to identity.events; rate = N / time until
 *       the change log holds all N. Ceiling: a plain batched INSERT of N rows of the same shape into PostgreSQL.
 *   <li>for each variant of the service (restarted between variants on the same data): the IP query and the user
 *       query over HTTPS (wrk, random known addresses / users) at each connection count (after 8 s unmeasured at
 *       that count), each beside {@code GET
 *       /ping} of the same service on the same HTTPS port in the same run; for the first variant also over plain
 *       HTTP at the first connection count (second figure). A variant with {@code BENCH_H2LOAD=1} measures HTTP/2
 *       against HTTP/1.1 with h2load instead.
 *   <li>full batch sync of the N active sessions with max_items 1000 (no timestamp, no cookie) over HTTPS, and the
 *       service's resident memory.
 * </ol>
 *
 * <p>Usage: {@code bench/run.sh io.openjims.bench.query.QueryBench [events=1000000] [wrkSeconds=15] [warmup=100000]
 * [variants=default] [connections=20,4]}; a variant is {@code label[:VAR=value;VAR=value;JAVA=-Xopt -Xopt]}
 * (environment of the service, extra JVM options), e.g. {@code jdk:OPENJIMS_TLS_ENGINE=jdk,openssl:OPENJIMS_TLS_ENGINE=openssl}.
 * Needs {@code ./mvnw -pl query-service package -DskipTests} and {@code wrk} (Debian package; h2load from
 * nghttp2-client for the HTTP/2 variant).
 */
public final class QueryBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpClient http;
    private String baseUrl;
    private String httpsUrl;
    private int httpPort;

    /** One configuration of the service to measure: a label and extra environment / JVM options. */
    record Variant(String label, Map<String, String> env, List<String> jvm) {

        /** {@code label[:VAR=value;VAR=value;JAVA=-Xopt -Xopt]}. */
        static Variant parse(String text) {
            String[] parts = text.split(":", 2);
            Map<String, String> env = new java.util.LinkedHashMap<>();
            List<String> jvm = new java.util.ArrayList<>();
            if (parts.length > 1) {
                for (String setting : parts[1].split(";")) {
                    String[] kv = setting.split("=", 2);
                    if (kv[0].equals("JAVA")) {
                        jvm.addAll(List.of(kv[1].trim().split("\\s+")));
                    } else {
                        env.put(kv[0], kv[1]);
                    }
                }
            }
            return new Variant(parts[0], env, jvm);
        }
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int wrkSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        List<Variant> variants = java.util.Arrays.stream((args.length > 3 ? args[3] : "default").split(","))
                .map(Variant::parse)
                .toList();
        List<Integer> connections = java.util.Arrays.stream((args.length > 4 ? args[4] : "20,4").split(","))
                .map(Integer::valueOf)
                .toList();
        new QueryBench().run(events, wrkSeconds, warmup, variants, connections);
        System.exit(0);
    }

    private void run(int events, int wrkSeconds, int warmup, List<Variant> variants, List<Integer> connections)
            throws Exception {
        http = HttpClient.newBuilder()
                .sslContext(ServiceProcess.pki().clientContext())
                .build();
        if (!wrkAvailable()) {
            throw new IllegalStateException("QueryBench needs wrk with TLS: apt-get install wrk");
        }
        Path jar = Path.of("query-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Build query-service first: ./mvnw -pl query-service package -DskipTests");
        }
        Path work = Files.createTempDirectory("query-bench");
        System.out.printf(
                "cores: %d, events: %d, work dir %s%n", Runtime.getRuntime().availableProcessors(), events, work);
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                EmbeddedPostgres pg = EmbeddedPostgres.start()) {
            kafka.createStartupTopics();
            kafka.createTopic(Topics.EVENTS, 3, Map.of());
            kafka.createCompactedTopic(Topics.DIRECTORY, 3);
            kafka.createCompactedTopic(Topics.SESSIONS, 3);
            kafka.createCompactedTopic(Topics.COLLECTORS, 1);
            double ceiling = insertCeiling(pg, events);
            KeyPair jwt = KeyPairGenerator.getInstance("RSA").generateKeyPair();
            // Warm-up changes applied first (JIT compilation of a fresh JVM would otherwise dominate the figure).
            int warmupChanges = 2 * warmup;
            double produced = produce(kafka, warmup, events);
            ViewProgress progress = ViewProgress.watch(pg);
            Process service = startService(jar, work, kafka, pg, jwt, variants.get(0));
            try {
                while (progress.count < warmupChanges) {
                    Thread.sleep(5);
                }
                long t0 = System.nanoTime();
                long c0 = progress.count;
                CpuMeter cpu = CpuMeter.start(service.pid());
                materialize(pg, progress, warmupChanges + events, t0, c0, produced, ceiling);
                System.out.printf("[materialize] %s%n", cpu.perItem(warmupChanges + events - c0));
                String token = BenchJwt.sign(jwt, "bench-srx", "srx", "openjims-query");
                vacuum(pg);
                List<String> summary = new java.util.ArrayList<>();
                for (int v = 0; v < variants.size(); v++) {
                    if (v > 0) {
                        service.destroy();
                        service.waitFor();
                        service = startService(jar, work, kafka, pg, jwt, variants.get(v));
                    }
                    queries(
                            work,
                            token,
                            events,
                            wrkSeconds,
                            variants.get(v),
                            connections,
                            v == 0,
                            service.pid(),
                            summary);
                }
                System.out.printf("%n[summary] %s%n", String.join("\n[summary] ", summary));
                fullSync(token, events, service.pid());
            } finally {
                service.destroy();
                service.waitFor();
            }
        }
    }

    // ------------------------------------------------------------------ scenarios

    /** A plain batched INSERT of rows shaped like session + change-log rows, in batches of 1000 per commit. */
    private static double insertCeiling(EmbeddedPostgres pg, int n) throws Exception {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("user", pg.username());
        if (pg.password() != null) {
            props.setProperty("password", pg.password());
        }
        props.setProperty("reWriteBatchedInserts", "true");
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), props)) {
            try (Statement s = c.createStatement()) {
                s.execute(
                        "CREATE TABLE bench_ceiling (seq bigint PRIMARY KEY, ip text, domain text, user_name text,"
                                + " roles text[], device jsonb, source_kind text, event_time timestamptz, expires_at timestamptz)");
            }
            c.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO bench_ceiling VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)")) {
                for (int i = 0; i < n; i++) {
                    ps.setLong(1, i);
                    ps.setString(2, address(i));
                    ps.setString(3, "bench.example");
                    ps.setString(4, "u" + i);
                    ps.setArray(5, c.createArrayOf("text", new String[] {"domain users"}));
                    ps.setString(6, "{\"identity\":\"PC\",\"os\":\"Windows 11\"}");
                    ps.setString(7, "syslog");
                    ps.setTimestamp(8, Timestamp.from(Instant.now()));
                    ps.setTimestamp(9, Timestamp.from(Instant.now()));
                    ps.addBatch();
                    if (i % 1000 == 999) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
                ps.executeBatch();
                c.commit();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    "%n[ceiling] plain batched INSERT of %d rows: %.1f s = %.0f rows/s%n", n, seconds, n / seconds);
            return n / seconds;
        }
    }

    /**
     * Writes the warm-up events (a logon and a logoff for each of {@code warmup} addresses in 11.0.0.0/8, leaving no
     * active session) and then n logon events for n distinct addresses in 10.0.0.0/8 to identity.events, before the
     * service starts.
     */
    private static double produce(EmbeddedKafka kafka, int warmup, int n) throws Exception {
        Instant at = Instant.now().minusSeconds(60);
        long start = System.nanoTime();
        try (var producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.LINGER_MS_CONFIG,
                        5,
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        262_144),
                new StringSerializer(),
                new IdentityEventSerializer())) {
            for (int i = 0; i < warmup; i++) {
                String ip = "11" + address(i).substring(2);
                send(producer, event(Operation.LOGON, ip, "w" + i, i, at.minusSeconds(1)));
                send(producer, event(Operation.LOGOFF, ip, "w" + i, i, at));
            }
            for (int i = 0; i < n; i++) {
                send(producer, event(Operation.LOGON, address(i), "u" + i, i, at));
            }
            producer.flush();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static IdentityEvent event(Operation op, String ip, String user, int device, Instant at) {
        return new IdentityEvent(
                UUID.randomUUID().toString(),
                IdentityEvent.SCHEMA_VERSION,
                op,
                ip,
                "bench.example",
                user,
                List.of("vpn"),
                new Device("PC-" + device, null, "Windows 11", null),
                "Healthy",
                null,
                new EventSource("bench", "syslog", "10.0.0.5"),
                at,
                at);
    }

    private static void send(KafkaProducer<String, IdentityEvent> producer, IdentityEvent e) {
        producer.send(new ProducerRecord<>(Topics.EVENTS, e.ip(), e));
    }

    /** Samples the view's change counter every 5 ms, from before the service starts. */
    private static final class ViewProgress implements AutoCloseable {
        private final Thread thread;
        private volatile boolean running = true;
        private volatile long count;

        private ViewProgress(EmbeddedPostgres pg) {
            thread = new Thread(() -> sample(pg), "view-progress");
            thread.setDaemon(true);
        }

        static ViewProgress watch(EmbeddedPostgres pg) {
            ViewProgress p = new ViewProgress(pg);
            p.thread.start();
            return p;
        }

        private void sample(EmbeddedPostgres pg) {
            while (running) {
                try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
                        PreparedStatement ps =
                                c.prepareStatement("SELECT last_seq FROM query.change_counter WHERE id = 1")) {
                    while (running) {
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            long v = rs.getLong(1);
                            count = v;
                        }
                        Thread.sleep(5);
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // The schema does not exist until the service's Flyway migration ran.
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }
    }

    /** Waits until the view holds {@code total} changes; the rate counts those after {@code c0} (at {@code t0}). */
    private void materialize(
            EmbeddedPostgres pg, ViewProgress progress, long total, long t0, long c0, double produced, double ceiling)
            throws Exception {
        while (progress.count < total) {
            Thread.sleep(5);
        }
        long endAt = System.nanoTime();
        progress.close();
        long counted = total - c0;
        double seconds = (endAt - t0) / 1e9;
        // Let the outbox relay finish publishing before measuring queries, so it does not compete for the cores.
        long relayed = 0;
        long relayStart = System.nanoTime();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password())) {
            while (relayed < total) {
                Thread.sleep(200);
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT last_seq FROM query.relay_state WHERE id = 1")) {
                    rs.next();
                    relayed = rs.getLong(1);
                }
            }
        }
        System.out.printf(
                "[relay] identity.sessions caught up %.1f s after the view%n", (System.nanoTime() - relayStart) / 1e9);
        System.out.printf(
                "[materialize] %d events written to Kafka beforehand in %.1f s; after the warm-up the view applied %d"
                        + " in %.1f s = %.0f events/s (%.0f%% of the INSERT ceiling)%n",
                total, produced, counted, seconds, counted / seconds, 100 * (counted / seconds) / ceiling);
    }

    /**
     * VACUUM ANALYZE of the view's tables after the bulk load, as an operator (or autovacuum, minutes later) would do,
     * so the query phases measure the steady state rather than the background clean-up of 1.4 M fresh rows.
     */
    private static void vacuum(EmbeddedPostgres pg) throws Exception {
        long start = System.nanoTime();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
                Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE query.session");
            s.execute("VACUUM ANALYZE query.change_log");
            s.execute("CHECKPOINT");
        }
        System.out.printf(
                "[vacuum] VACUUM ANALYZE of query.session and query.change_log, CHECKPOINT: %.1f s%n",
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * For one variant of the service: the IP and the user query over HTTPS beside {@code GET /ping} over HTTPS (same
     * service, same API port, same run), at each connection count; then, for the first variant only, the same three
     * over plain HTTP at the first connection count (a second, labelled figure).
     */
    private void queries(
            Path work,
            String token,
            int n,
            int seconds,
            Variant variant,
            List<Integer> connections,
            boolean plainHttp,
            long pid,
            List<String> summary)
            throws Exception {
        Path ip = script(work, "ip.lua", token, "'{\"query\":\"ip\",\"ip\":\"' .. ip .. '\"}'", n);
        Path user = script(
                work,
                "user.lua",
                token,
                "'{\"query\":\"user\",\"domain\":\"bench.example\",\"user\":\"u' .. i .. '\"}'",
                n);
        String api = "/api/user_query/v2";
        // Warm-up (the JIT compiles the paths while wrk keeps both cores busy); not counted.
        wrk(List.of("-t2", "-c20", "-d15s", "-s", ip.toString(), httpsUrl + api));
        wrk(List.of("-t2", "-c20", "-d5s", "-s", user.toString(), httpsUrl + api));
        wrk(List.of("-t2", "-c20", "-d5s", httpsUrl + "/ping"));
        wrk(List.of("-t2", "-c20", "-d3s", baseUrl + "/ping"));
        if (variant.env().containsKey("BENCH_H2LOAD")) {
            http2(work, token, seconds, variant, connections, pid);
            return;
        }
        for (String scheme : plainHttp ? List.of("https", "http") : List.of("https")) {
            String url = scheme.equals("https") ? httpsUrl : baseUrl;
            for (int c : scheme.equals("https") ? connections : connections.subList(0, 1)) {
                // Unmeasured, at this concurrency: without it the first point after a (re)start was the costliest
                // on a loaded machine, whichever the connection count (docs/benchmarks.md, run 3).
                wrk(List.of("-t2", "-c" + c, "-d5s", "-s", ip.toString(), url + api));
                wrk(List.of("-t2", "-c" + c, "-d3s", url + "/ping"));
                Point ping = point(variant, scheme, c, "ping", List.of(url + "/ping"), seconds, pid);
                Point ipq =
                        point(variant, scheme, c, "ip query", List.of("-s", ip.toString(), url + api), seconds, pid);
                Point userq = point(
                        variant, scheme, c, "user query", List.of("-s", user.toString(), url + api), seconds, pid);
                for (Point q : List.of(ipq, userq)) {
                    summary.add(String.format(
                            "%s %s c=%d %s: %.0f req/s (%.2f of /ping's %.0f), p50 %s, p99 %s; /ping p99 %s; load %s",
                            variant.label(),
                            scheme.toUpperCase(java.util.Locale.ROOT),
                            c,
                            q.what(),
                            q.rps(),
                            q.rps() / ping.rps(),
                            ping.rps(),
                            q.p50(),
                            q.p99(),
                            ping.p99(),
                            q.load()));
                }
            }
        }
    }

    /**
     * HTTP/2 (ALPN) against HTTP/1.1 over the same TLS, both driven by h2load (Debian package nghttp2-client) so the
     * client is the same: {@code /ping} and the IP query (one fixed address: h2load sends one body) at {@code c}
     * connections, one request in flight per connection as with wrk.
     */
    private void http2(Path work, String token, int seconds, Variant variant, List<Integer> connections, long pid)
            throws Exception {
        Path body = work.resolve("ip.json");
        Files.writeString(body, "{\"query\":\"ip\",\"ip\":\"10.0.1.2\"}");
        String api = httpsUrl + "/api/user_query/v2";
        List<String> post = List.of(
                "-d", body.toString(), "-H", "Authorization: Bearer " + token, "-H", "Content-Type: application/json");
        h2load(List.of("-c20", "-t2", "-m1", "-D", "5", httpsUrl + "/ping"));
        for (int c : connections) {
            for (String protocol : List.of("h2", "h1")) {
                for (String what : List.of("ping", "ip query")) {
                    List<String> args = new java.util.ArrayList<>(
                            List.of("-c" + c, "-t2", "-m1", "-D", Integer.toString(seconds), "--warm-up-time=1"));
                    if (protocol.equals("h1")) {
                        args.add("--h1");
                    }
                    if (what.equals("ping")) {
                        args.add(httpsUrl + "/ping");
                    } else {
                        args.addAll(post);
                        args.add(api);
                    }
                    String load = loadAverage();
                    CpuMeter cpu = CpuMeter.start(pid);
                    String out = h2load(args);
                    double[] used = cpu.elapsed();
                    long done =
                            Math.max(1, Long.parseLong(find(out, "requests: \\d+ total, \\d+ started, (\\d+) done")));
                    System.out.printf(
                            "[%s h2load %s c=%d] %-10s %9s req/s, %s succeeded of %d, mean %s (sd %s); CPU per request:"
                                    + " service %.1f µs; load average %s%n",
                            variant.label(),
                            protocol,
                            c,
                            what,
                            find(out, "finished in [\\d.]+\\w+, ([\\d.]+) req/s"),
                            find(out, "(\\d+) succeeded"),
                            done,
                            find(out, "time for request:\\s+\\S+\\s+\\S+\\s+(\\S+)"),
                            find(out, "time for request:\\s+\\S+\\s+\\S+\\s+\\S+\\s+(\\S+)"),
                            used[0] * 1e6 / done,
                            load);
                }
            }
        }
    }

    private static String h2load(List<String> args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("h2load"));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    /** A wrk script posting {@code body} (Lua, with {@code i} a random index and {@code ip} its address). */
    private static Path script(Path work, String name, String token, String body, int n) throws Exception {
        Path script = work.resolve(name);
        Files.writeString(
                script,
                "wrk.method = \"POST\"\n"
                        + "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
                        + "wrk.headers[\"Authorization\"] = \"Bearer " + token + "\"\n"
                        + "math.randomseed(42)\n"
                        + "request = function()\n"
                        + "  local i = math.random(0, " + (n - 1) + ")\n"
                        + "  local ip = \"10.\" .. (math.floor(i / 65536) % 256) .. \".\" .. (math.floor(i / 256) % 256)"
                        + " .. \".\" .. (i % 256)\n"
                        + "  return wrk.format(nil, nil, nil, " + body + ")\n"
                        + "end\n");
        return script;
    }

    record Point(String what, double rps, String p50, String p99, String load) {}

    /** One wrk run of {@code seconds} at {@code c} connections, printed with the CPU split and the load average. */
    private static Point point(
            Variant variant, String scheme, int c, String what, List<String> target, int seconds, long pid)
            throws Exception {
        String load = loadAverage();
        CpuMeter cpu = CpuMeter.start(pid);
        List<String> args = new java.util.ArrayList<>(List.of("-t2", "-c" + c, "-d" + seconds + "s", "--latency"));
        args.addAll(target);
        String out = wrk(args);
        double[] used = cpu.elapsed();
        double rps = Double.parseDouble(find(out, "Requests/sec:\\s+([\\d.]+)"));
        long requests = Math.max(1, Long.parseLong(find(out, "(\\d+) requests in")));
        Point p =
                new Point(what, rps, find(out, "\\s50%\\s+([\\d.]+\\w+)"), find(out, "\\s99%\\s+([\\d.]+\\w+)"), load);
        System.out.printf(
                "[%s %s c=%d] %-10s %9.0f req/s  p50 %-8s p90 %-8s p99 %-8s max %-8s non-2xx %s, errors %s;"
                        + " CPU per request: service %.1f µs, wrk %.1f µs; load average %s%n",
                variant.label(),
                scheme.toUpperCase(java.util.Locale.ROOT),
                c,
                what,
                rps,
                p.p50(),
                find(out, "\\s90%\\s+([\\d.]+\\w+)"),
                p.p99(),
                find(out, "Latency\\s+\\S+\\s+\\S+\\s+([\\d.]+\\w+)"),
                find(out, "Non-2xx or 3xx responses:\\s+(\\d+)"),
                find(out, "Socket errors:\\s+(.*)"),
                used[0] * 1e6 / requests,
                wrkCpuSeconds(out) * 1e6 / requests,
                load);
        return p;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1];
        } catch (Exception e) {
            return "?";
        }
    }

    private void fullSync(String token, int n, long pid) throws Exception {
        long start = System.nanoTime();
        String cookie = null;
        long items = 0;
        int requests = 0;
        long maxRss = 0;
        while (true) {
            String body = cookie == null
                    ? "{\"query\":\"batch\",\"max_items\":1000}"
                    : "{\"query\":\"batch\",\"max_items\":1000,\"cookie\":\"" + cookie + "\"}";
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(httpsUrl + "/api/user_query/v2"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("batch answered " + r.statusCode() + ": " + r.body());
            }
            JsonNode page = JSON.readTree(r.body());
            items += page.get("items").size();
            cookie = page.get("cookie").asText();
            requests++;
            if (requests % 100 == 0) {
                maxRss = Math.max(maxRss, rssKb(pid));
            }
            if (!page.get("more").asBoolean()) {
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        maxRss = Math.max(maxRss, rssKb(pid));
        System.out.printf(
                "[full sync] %d items (%d active sessions) in %d requests of max_items 1000: %.1f s = %.0f items/s;"
                        + " service resident memory up to %d MiB (HTTPS)%n",
                items, n, requests, seconds, items / seconds, maxRss / 1024);
    }

    // ------------------------------------------------------------------ helpers

    static String address(int i) {
        return "10." + ((i >> 16) & 0xff) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff);
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return 0;
    }

    private static boolean wrkAvailable() {
        try {
            Process p = new ProcessBuilder("wrk", "--version")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out.contains("wrk");
        } catch (Exception e) {
            return false;
        }
    }

    /** Runs wrk; bash's {@code times} then prints the CPU time wrk used (see {@link #wrkCpuSeconds}). */
    private static String wrk(List<String> args) throws Exception {
        List<String> command =
                new java.util.ArrayList<>(List.of("bash", "-c", "wrk \"$@\"; echo; echo WRK-TIMES; times", "--"));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    /** The CPU time (user + system) of the wrk child, from bash's {@code times} after it. */
    private static double wrkCpuSeconds(String out) {
        Matcher m = Pattern.compile("WRK-TIMES\\s+\\S+ \\S+\\s+(\\d+)m([\\d.]+)s (\\d+)m([\\d.]+)s")
                .matcher(out);
        if (!m.find()) {
            return 0;
        }
        return Integer.parseInt(m.group(1)) * 60
                + Double.parseDouble(m.group(2))
                + Integer.parseInt(m.group(3)) * 60
                + Double.parseDouble(m.group(4));
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : "0";
    }

    private Process startService(
            Path jar, Path work, EmbeddedKafka kafka, EmbeddedPostgres pg, KeyPair jwt, Variant variant)
            throws Exception {
        Path publicKey = BenchJwt.writePublicKey(jwt, work.resolve("jwt-public.pem"));
        Path privateKey = BenchJwt.writePrivateKey(jwt, work.resolve("jwt-private.pem"));
        if (httpPort == 0) {
            httpPort = FreePorts.next();
            int sslPort = FreePorts.next();
            baseUrl = "http://127.0.0.1:" + httpPort;
            httpsUrl = "https://localhost:" + sslPort;
        }
        Map<String, String> env = new java.util.LinkedHashMap<>(Map.of(
                "OPENJIMS_JWT_PUBLIC_KEY_FILE", publicKey.toString(),
                "OPENJIMS_JWT_PRIVATE_KEY_FILE", privateKey.toString(),
                "OPENJIMS_COOKIE_SECRET", "bench-cookie-secret-0123456789",
                "QUARKUS_HTTP_SSL_PORT", httpsUrl.substring(httpsUrl.lastIndexOf(':') + 1),
                "QUARKUS_LOG_LEVEL", "WARN"));
        // TLS with the local stack's certificates (ServiceProcess: LocalPki's CA and localhost certificate).
        env.putAll(variant.env());
        System.out.printf(
                "%n[service] variant %s: %s %s, load average %s%n",
                variant.label(), variant.env(), variant.jvm(), loadAverage());
        return ServiceProcess.start(
                jar,
                work.resolve("query-service-" + variant.label() + ".log"),
                kafka,
                pg,
                httpPort,
                env,
                Duration.ofSeconds(180),
                variant.jvm());
    }
}

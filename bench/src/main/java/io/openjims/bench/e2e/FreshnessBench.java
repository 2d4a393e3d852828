package io.openjims.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.openjims.bench.ServiceProcess;
import io.openjims.devinfra.local.DemoDirectory;
import io.openjims.devinfra.local.LocalApi;
import io.openjims.devinfra.local.LocalStack;
import io.openjims.devinfra.local.LocalStackOptions;
import io.openjims.devinfra.local.LocalStackOptions.Port;
import io.openjims.devinfra.local.SyslogSender;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * End-to-end freshness under load: the whole system as ./openjims-local runs it (three service JVMs, embedded Kafka
 * and PostgreSQL), syslog logons over one TCP connection at a fixed rate, and an SRX client following the batch feed
 * with its cookie. Freshness of a logon = the time from sending it to the batch query returning it.
 *
 * <p>Usage: bench/run.sh io.openjims.bench.e2e.FreshnessBench [logons-per-second=5000] [seconds=30]
 * [warm-up-seconds=20]
 */
public final class FreshnessBench {

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int warmupSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Path data = Files.createTempDirectory("openjims-freshness");
        LocalStackOptions options = new LocalStackOptions(Path.of("."))
                .freePorts()
                .dataDirectory(data)
                .printBanner(true);
        // Extra JVM options for the three services (profiling, GC logs), as for the other benchmarks.
        List<String> extra = ServiceProcess.extraJvmOptions();
        if (extra.stream().anyMatch(ServiceProcess::selectsGarbageCollector)) {
            options.serviceJvmOptions().removeIf(ServiceProcess::selectsGarbageCollector);
        }
        options.serviceJvmOptions().addAll(extra);
        // Extra service settings for experiments, e.g. BENCH_SERVICE_ENV="OPENJIMS_QUERY_INDEX_ENABLED=false".
        String env = System.getenv("BENCH_SERVICE_ENV");
        if (env != null && !env.isBlank()) {
            for (String pair : env.trim().split("\\s+")) {
                int eq = pair.indexOf('=');
                options.environment(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        try (LocalStack stack = LocalStack.start(options)) {
            LocalApi api = stack.api();
            LocalStack.Credentials srx =
                    stack.srxClient().orElseThrow(() -> new IllegalStateException("no SRX client: " + stack.notes()));
            String token = api.token(stack.uri(Port.QUERY), srx.clientId(), srx.clientSecret());
            // Fresh JVMs compile their hot paths first; that phase runs at the same rate but is not measured.
            if (warmupSeconds > 0) {
                List<Long> warm = phase(stack, api, token, rate, warmupSeconds, 150, "warm-up");
                System.out.printf("%nwarm-up (%d s, not counted): %s%n", warmupSeconds, summary(warm));
            }
            List<Long> sorted = phase(stack, api, token, rate, seconds, 200, "measured");
            System.out.printf("%nfreshness, measured after the warm-up: %s%n", summary(sorted));
        } finally {
            try (var paths = Files.walk(data)) {
                paths.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Sends {@code rate * seconds} logons for distinct addresses 10.{octet..octet+49}.x.x over one TCP connection at a
     * fixed rate while a poller follows the batch feed; returns the sorted freshness figures in milliseconds.
     */
    private static List<Long> phase(
            LocalStack stack, LocalApi api, String token, int rate, int seconds, int octet, String label)
            throws Exception {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> sentWallMillis = new ConcurrentHashMap<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean polling = new AtomicBoolean(true);
        // Stage taps, each on a thread of its own: the events topic (as any consumer sees it) and the change log (as a
        // plain SQL reader woken by the view's NOTIFY sees it, without the HTTPS batch query).
        Stages stages = new Stages(sentAt);
        Thread kafkaTap = new Thread(() -> stages.tapKafka(stack, polling), "tap-kafka");
        Thread sqlTap = new Thread(() -> stages.tapChangeLog(stack, polling), "tap-sql");
        kafkaTap.start();
        sqlTap.start();
        PollStats pollStats = new PollStats();
        String cookie = follow(
                api,
                stack,
                token,
                Map.of("query", "batch", "timestamp", Instant.now().toString()),
                null,
                null,
                null);
        String[] cursor = {cookie};
        Thread poller = new Thread(() -> {
            while (polling.get()) {
                cursor[0] = follow(
                        api,
                        stack,
                        token,
                        Map.of("query", "batch", "cookie", cursor[0], "max_items", 1000),
                        sentAt,
                        latencies,
                        pollStats);
            }
        });
        poller.start();
        long total = (long) rate * seconds;
        Map<String, Double> cpuBefore = cpuSeconds();
        long start = System.nanoTime();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), stack.port(Port.SYSLOG))) {
            OutputStream out = socket.getOutputStream();
            for (long i = 0; i < total; i++) {
                long due = start + i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                String ip = "10." + (octet + (i >> 16) % 50) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff);
                String user = DemoDirectory.USERS.get((int) (i % DemoDirectory.USERS.size()));
                byte[] msg = SyslogSender.rfc3164(SyslogSender.keyValue(user, DemoDirectory.DOMAIN, ip, true))
                        .getBytes(StandardCharsets.UTF_8);
                sentAt.put(ip, System.nanoTime());
                sentWallMillis.put(ip, System.currentTimeMillis());
                out.write((msg.length + " ").getBytes(StandardCharsets.US_ASCII));
                out.write(msg);
            }
            out.flush();
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> cpuAfter = cpuSeconds();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (latencies.size() < total && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        polling.set(false);
        poller.join();
        kafkaTap.join();
        sqlTap.join();
        List<Long> sorted;
        synchronized (latencies) {
            sorted = new ArrayList<>(latencies);
        }
        Collections.sort(sorted);
        System.out.printf(
                "%n%s: target %d logons/s for %d s, sent %d in %.1f s (%.0f/s), seen in the batch feed %d%n",
                label, rate, seconds, total, sendSeconds, total / sendSeconds, sorted.size());
        System.out.printf(
                "  sent -> collector handed it to its producer (record timestamp): %s%n",
                summary(stages.wallMinusSent(stages.producedWall, sentWallMillis)));
        System.out.printf("  sent -> readable in Kafka (a consumer's poll): %s%n", summary(sorted(stages.inKafka)));
        System.out.printf(
                "  sent -> appended to the change log (changed_at, before commit): %s%n",
                summary(untilCommitted(stack, sentWallMillis)));
        System.out.printf(
                "  sent -> committed, visible to SQL (LISTEN + SELECT): %s%n", summary(sorted(stages.visible)));
        System.out.printf("  view transactions of this phase: %s%n", transactions(stack, sentWallMillis.keySet()));
        System.out.printf("  batch queries: %s%n", pollStats);
        StringBuilder cpu = new StringBuilder();
        cpuAfter.forEach((name, after) -> cpu.append(
                String.format(" %s %.2f,", name, (after - cpuBefore.getOrDefault(name, 0.0)) / sendSeconds)));
        System.out.printf("  CPU cores used while sending, by process:%s%n", cpu);
        return sorted;
    }

    /** Per logon: the change-log commit time (changed_at) minus the send time, in milliseconds, sorted. */
    private static List<Long> untilCommitted(LocalStack stack, Map<String, Long> sentWallMillis) throws Exception {
        List<Long> out = new ArrayList<>();
        var pg = stack.postgres();
        try (var c = java.sql.DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
                var ps = c.prepareStatement("SELECT ip, changed_at FROM query.change_log WHERE ip = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("text", sentWallMillis.keySet().toArray(String[]::new)));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    Long sent = sentWallMillis.get(rs.getString(1));
                    if (sent != null) {
                        out.add(rs.getTimestamp(2).getTime() - sent);
                    }
                }
            }
        }
        Collections.sort(out);
        return out;
    }

    private static String summary(List<Long> sorted) {
        if (sorted.isEmpty()) {
            return "nothing seen";
        }
        return String.format(
                "%d logons, p50 %d ms, p90 %d ms, p99 %d ms, max %d ms",
                sorted.size(), pct(sorted, 0.50), pct(sorted, 0.90), pct(sorted, 0.99), sorted.get(sorted.size() - 1));
    }

    private static String follow(
            LocalApi api,
            LocalStack stack,
            String token,
            Map<String, Object> body,
            Map<String, Long> sentAt,
            List<Long> latencies,
            PollStats stats) {
        long asked = System.nanoTime();
        LocalApi.Answer answer = api.postJson(stack.uri(Port.QUERY).resolve(LocalApi.QUERY_PATH), token, body);
        if (answer.status() != 200) {
            throw new IllegalStateException("batch query answered " + answer.status() + ": " + answer.body());
        }
        JsonNode json = answer.json();
        long now = System.nanoTime();
        if (stats != null) {
            stats.add(now - asked, json.path("items").size());
        }
        if (sentAt != null) {
            for (JsonNode item : json.path("items")) {
                Long sent = sentAt.remove(item.path("ip").asText());
                if (sent != null) {
                    latencies.add((now - sent) / 1_000_000);
                }
            }
        }
        if (json.path("items").isEmpty()) {
            // Nothing new: ask again shortly, as a busy SRX would, without spinning on the shared cores.
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return json.path("cookie").asText();
    }

    /** CPU seconds used so far by this process and the stack's processes it started, by kind. */
    private static Map<String, Double> cpuSeconds() {
        Map<String, Double> out = new java.util.TreeMap<>();
        List<ProcessHandle> all = new ArrayList<>();
        all.add(ProcessHandle.current());
        ProcessHandle.current().descendants().forEach(all::add);
        for (ProcessHandle p : all) {
            String line = p.info().commandLine().orElse("");
            String kind = p.pid() == ProcessHandle.current().pid()
                    ? "bench+proxy"
                    : line.contains("collector-service")
                            ? "collector"
                            : line.contains("query-service")
                                    ? "query"
                                    : line.contains("push-service")
                                            ? "push"
                                            : line.contains("EmbeddedKafka")
                                                    ? "kafka"
                                                    : line.contains("postgres") ? "postgres" : "other";
            double seconds =
                    p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
            out.merge(kind, seconds, Double::sum);
        }
        return out;
    }

    private static List<Long> sorted(Collection<Long> values) {
        List<Long> out = new ArrayList<>(values);
        Collections.sort(out);
        return out;
    }

    /**
     * The view transactions that wrote this phase's logons (one {@code changed_at} per transaction): how many, their
     * sizes and the gaps between them.
     */
    private static String transactions(LocalStack stack, Collection<String> ips) throws Exception {
        List<Long> sizes = new ArrayList<>();
        List<Long> gaps = new ArrayList<>();
        var pg = stack.postgres();
        try (var c = java.sql.DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
                var ps = c.prepareStatement("SELECT changed_at, count(*) FROM query.change_log WHERE ip = ANY(?)"
                        + " GROUP BY changed_at ORDER BY changed_at")) {
            ps.setArray(1, c.createArrayOf("text", ips.toArray(String[]::new)));
            try (var rs = ps.executeQuery()) {
                long previous = -1;
                while (rs.next()) {
                    long at = rs.getTimestamp(1).getTime();
                    sizes.add(rs.getLong(2));
                    if (previous >= 0) {
                        gaps.add(at - previous);
                    }
                    previous = at;
                }
            }
        }
        Collections.sort(sizes);
        Collections.sort(gaps);
        if (sizes.isEmpty()) {
            return "none";
        }
        return String.format(
                "%d, logons per transaction p50 %d / p90 %d / max %d; ms between transactions p50 %d / p90 %d / max %d",
                sizes.size(),
                pct(sizes, 0.5),
                pct(sizes, 0.9),
                sizes.get(sizes.size() - 1),
                gaps.isEmpty() ? 0 : pct(gaps, 0.5),
                gaps.isEmpty() ? 0 : pct(gaps, 0.9),
                gaps.isEmpty() ? 0 : gaps.get(gaps.size() - 1));
    }

    /** Batch queries of the SRX poller: count, items per answer and their durations. */
    private static final class PollStats {
        private final List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        private long items;
        private long empty;

        synchronized void add(long nanos, int itemCount) {
            micros.add(nanos / 1000);
            items += itemCount;
            if (itemCount == 0) {
                empty++;
            }
        }

        @Override
        public synchronized String toString() {
            List<Long> s = sorted(micros);
            if (s.isEmpty()) {
                return "none";
            }
            return String.format(
                    "%d (%d empty), %.0f items per answer; duration p50 %.1f / p90 %.1f / p99 %.1f / max %.1f ms",
                    s.size(),
                    empty,
                    items / (double) s.size(),
                    pct(s, 0.5) / 1000.0,
                    pct(s, 0.9) / 1000.0,
                    pct(s, 0.99) / 1000.0,
                    s.get(s.size() - 1) / 1000.0);
        }
    }

    /** Per logon, when each stage first saw it. */
    private static final class Stages {
        private final Map<String, Long> sentAt;
        final Map<String, Long> producedWall = new ConcurrentHashMap<>();
        final List<Long> inKafka = Collections.synchronizedList(new ArrayList<>());
        final List<Long> visible = Collections.synchronizedList(new ArrayList<>());
        private final Map<String, Boolean> seenInKafka = new ConcurrentHashMap<>();
        private final Map<String, Boolean> seenInSql = new ConcurrentHashMap<>();

        Stages(Map<String, Long> sentAt) {
            this.sentAt = sentAt;
        }

        private void record(String ip, Map<String, Boolean> seen, List<Long> into, long now) {
            // sentAt loses its entry once the batch query returned the logon; a stage later than that is not counted.
            Long sent = sentAt.get(ip);
            if (sent != null && seen.putIfAbsent(ip, Boolean.TRUE) == null) {
                into.add((now - sent) / 1_000_000);
            }
        }

        List<Long> wallMinusSent(Map<String, Long> wall, Map<String, Long> sentWall) {
            List<Long> out = new ArrayList<>();
            wall.forEach((ip, at) -> {
                Long sent = sentWall.get(ip);
                if (sent != null) {
                    out.add(at - sent);
                }
            });
            Collections.sort(out);
            return out;
        }

        void tapKafka(LocalStack stack, AtomicBoolean running) {
            Map<String, Object> config = Map.of(
                    org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    stack.kafkaBootstrapServers(),
                    org.apache.kafka.clients.consumer.ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                    "read_committed");
            try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(
                    config,
                    new org.apache.kafka.common.serialization.StringDeserializer(),
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
                List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
                consumer.partitionsFor(LocalStack.EVENTS)
                        .forEach(p ->
                                partitions.add(new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())));
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                while (running.get()) {
                    var records = consumer.poll(java.time.Duration.ofMillis(100));
                    long now = System.nanoTime();
                    for (var r : records) {
                        if (r.key() != null && sentAt.containsKey(r.key())) {
                            producedWall.putIfAbsent(r.key(), r.timestamp());
                            record(r.key(), seenInKafka, inKafka, now);
                        }
                    }
                }
            }
        }

        void tapChangeLog(LocalStack stack, AtomicBoolean running) {
            var pg = stack.postgres();
            try (var c = java.sql.DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password())) {
                long last;
                try (var st = c.createStatement()) {
                    st.execute("LISTEN openjims_session");
                    try (var rs = st.executeQuery("SELECT coalesce(max(seq), 0) FROM query.change_log")) {
                        rs.next();
                        last = rs.getLong(1);
                    }
                }
                var pgc = c.unwrap(org.postgresql.PGConnection.class);
                try (var ps = c.prepareStatement(
                        "SELECT seq, ip FROM query.change_log WHERE seq > ? ORDER BY seq LIMIT 10000")) {
                    while (running.get()) {
                        ps.setLong(1, last);
                        int rows = 0;
                        try (var rs = ps.executeQuery()) {
                            long now = System.nanoTime();
                            while (rs.next()) {
                                last = rs.getLong(1);
                                record(rs.getString(2), seenInSql, visible, now);
                                rows++;
                            }
                        }
                        if (rows == 0) {
                            pgc.getNotifications(50);
                        }
                    }
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static long pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}

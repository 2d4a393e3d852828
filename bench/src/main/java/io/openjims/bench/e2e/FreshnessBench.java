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
        String cookie = follow(
                api,
                stack,
                token,
                Map.of("query", "batch", "timestamp", Instant.now().toString()),
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
                        latencies);
            }
        });
        poller.start();
        long total = (long) rate * seconds;
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
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (latencies.size() < total && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        polling.set(false);
        poller.join();
        List<Long> sorted;
        synchronized (latencies) {
            sorted = new ArrayList<>(latencies);
        }
        Collections.sort(sorted);
        System.out.printf(
                "%n%s: target %d logons/s for %d s, sent %d in %.1f s (%.0f/s), seen in the batch feed %d%n",
                label, rate, seconds, total, sendSeconds, total / sendSeconds, sorted.size());
        System.out.printf(
                "  sent -> committed in the view's change log: %s%n", summary(untilCommitted(stack, sentWallMillis)));
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
            List<Long> latencies) {
        LocalApi.Answer answer = api.postJson(stack.uri(Port.QUERY).resolve(LocalApi.QUERY_PATH), token, body);
        if (answer.status() != 200) {
            throw new IllegalStateException("batch query answered " + answer.status() + ": " + answer.body());
        }
        JsonNode json = answer.json();
        long now = System.nanoTime();
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

    private static long pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}

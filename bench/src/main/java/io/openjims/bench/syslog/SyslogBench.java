package io.openjims.bench.syslog;

import io.openjims.bench.ServiceProcess;
import io.openjims.bench.TopicOffsets;
import io.openjims.devinfra.EmbeddedKafka;
import io.openjims.devinfra.EmbeddedPostgres;
import io.openjims.devinfra.FreePorts;
import io.openjims.model.EventSource;
import io.openjims.model.IdentityEvent;
import io.openjims.model.Operation;
import io.openjims.model.Topics;
import io.openjims.model.kafka.IdentityEventSerializer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Syslog load generator and benchmark. Starts an embedded Kafka broker and PostgreSQL, measures the raw producer
 * ceiling (kafka-clients, acks=all, idempotent, lz4, pre-built records of the size the collector produces), then
 * starts collector-service (its quarkus-run.jar) as a separate process and sends generic key=value syslog lines over
 * TCP (newline framing) and UDP, counting the events that reach identity.events.
 *
 * <pre>
 * ./mvnw -B -q package -pl collector-service -DskipTests
 * bench/run.sh io.openjims.bench.syslog.SyslogBench [tcpMessages=1000000] [tcpConnections=2] [udpMessages=200000]
 *     [udpRatePerSecond=50000] [jar=collector-service/target/quarkus-app/quarkus-run.jar]
 * </pre>
 *
 * Every run is bounded: each phase stops after its message count or after 3 minutes.
 */
public final class SyslogBench {

    private static final Duration PHASE_LIMIT = Duration.ofMinutes(3);
    private static final int PARTITIONS = 3;

    private SyslogBench() {}

    public static void main(String[] args) throws Exception {
        long tcpMessages = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int tcpConnections = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        long udpMessages = args.length > 2 ? Long.parseLong(args[2]) : 200_000;
        int udpRate = args.length > 3 ? Integer.parseInt(args[3]) : 50_000;
        Path jar = Path.of(args.length > 4 ? args[4] : "collector-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " missing: ./mvnw -B -q package -pl collector-service -DskipTests");
        }
        System.out.printf(
                Locale.ROOT,
                "machine: %d cores, java %s%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
            kafka.createStartupTopics();
            kafka.createTopic(Topics.EVENTS, PARTITIONS, Map.of());
            kafka.createCompactedTopic(Topics.COLLECTORS, 1);
            byte[] sample = new IdentityEventSerializer().serialize(Topics.EVENTS, sampleEvent(0));
            String line = syslogLine(0);
            System.out.printf(
                    Locale.ROOT,
                    "record: %d bytes of JSON value (syslog line %d bytes)%n",
                    sample.length,
                    line.length());

            double ceiling = rawCeiling(kafka, Math.max(tcpMessages, 500_000));
            System.out.printf(Locale.ROOT, "raw producer ceiling: %.0f records/s%n", ceiling);

            int syslogPort = FreePorts.next();
            int httpPort = FreePorts.next();
            Process collector = startCollector(jar, kafka, postgres, syslogPort, httpPort);
            try (Admin admin = kafka.admin()) {
                TopicOffsets offsets = new TopicOffsets(admin, Topics.EVENTS, PARTITIONS);
                waitForListener(syslogPort, collector);
                // Warm-up: JIT and producer connections.
                long warm = 50_000;
                long base = offsets.end();
                sendTcp(syslogPort, 1, warm, 1_000_000);
                offsets.await(base + warm, Duration.ofMinutes(1));

                List<List<byte[]>> payload = prebuildTcp(tcpConnections, tcpMessages, 2_000_000);
                base = offsets.end();
                long start = System.nanoTime();
                long benchCpu = ownCpuNanos();
                long collectorCpu = cpuNanos(collector);
                long sent = sendTcp(syslogPort, payload);
                payload = null;
                double sendSeconds = (System.nanoTime() - start) / 1e9;
                long delivered = offsets.await(base + sent, PHASE_LIMIT) - base;
                double seconds = (System.nanoTime() - start) / 1e9;
                double tcpRate = delivered / seconds;
                System.out.printf(
                        Locale.ROOT,
                        "tcp: %d connections, %d sent in %.1f s, %d on identity.events after %.1f s: %.0f events/s"
                                + " (%.0f%% of the raw ceiling)%n",
                        tcpConnections,
                        sent,
                        sendSeconds,
                        delivered,
                        seconds,
                        tcpRate,
                        100 * tcpRate / ceiling);
                System.out.printf(
                        Locale.ROOT,
                        "tcp CPU: %.2f µs per event in the collector, %.2f µs in the bench process (sender and"
                                + " broker)%n",
                        (cpuNanos(collector) - collectorCpu) / 1e3 / Math.max(1, delivered),
                        (ownCpuNanos() - benchCpu) / 1e3 / Math.max(1, delivered));

                base = offsets.end();
                start = System.nanoTime();
                long udpSent = sendUdp(syslogPort, udpMessages, udpRate);
                long udpDelivered = offsets.await(base + udpSent, Duration.ofSeconds(20)) - base;
                // Until the last event arrived (not the quiet wait after it).
                seconds = (offsets.lastChange() - start) / 1e9;
                System.out.printf(
                        Locale.ROOT,
                        "udp: %d sent at up to %d/s, %d on identity.events (%.2f%% lost) in %.1f s: %.0f events/s%n",
                        udpSent,
                        udpRate,
                        udpDelivered,
                        100.0 * (udpSent - udpDelivered) / udpSent,
                        seconds,
                        udpDelivered / seconds);
                printCollectorCounters(httpPort);
            } finally {
                collector.destroy();
                collector.waitFor(20, TimeUnit.SECONDS);
                collector.destroyForcibly();
            }
        }
    }

    static IdentityEvent sampleEvent(long i) {
        Instant now = Instant.now();
        return new IdentityEvent(
                UUID.randomUUID().toString(),
                IdentityEvent.SCHEMA_VERSION,
                Operation.LOGON,
                ip(i),
                "example.com",
                "user" + (i % 100_000),
                List.of(),
                null,
                null,
                null,
                new EventSource("bench-collector", "syslog", "generic-key-value-login@127.0.0.1"),
                now,
                now);
    }

    static String ip(long i) {
        return "10." + ((i >> 16) & 0xff) + "." + ((i >> 8) & 0xff) + "." + (1 + (i & 0x7f));
    }

    static String syslogLine(long i) {
        return "<134>1 2024-03-05T10:15:42Z app01 portal - - - user=user" + (i % 100_000) + " domain=example.com ip="
                + ip(i) + " action=login";
    }

    /** kafka-clients producer with the collector's settings sending pre-built records; records/s until all acked. */
    private static double rawCeiling(EmbeddedKafka kafka, long count) {
        String topic = "bench.raw." + UUID.randomUUID();
        kafka.createTopic(topic, PARTITIONS, Map.of());
        int distinct = 4096;
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        IdentityEventSerializer serializer = new IdentityEventSerializer();
        for (int i = 0; i < distinct; i++) {
            IdentityEvent event = sampleEvent(i);
            keys.add(event.ip().getBytes(StandardCharsets.UTF_8));
            values.add(serializer.serialize(topic, event));
        }
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.COMPRESSION_TYPE_CONFIG,
                "lz4",
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                ProducerConfig.BATCH_SIZE_CONFIG,
                131072,
                ProducerConfig.BUFFER_MEMORY_CONFIG,
                67108864L);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 20_000; i++) {
                producer.send(new ProducerRecord<>(topic, keys.get(i % distinct), values.get(i % distinct)));
            }
            producer.flush();
            long start = System.nanoTime();
            long cpuBefore = ownCpuNanos();
            for (long i = 0; i < count; i++) {
                int k = (int) (i % distinct);
                producer.send(new ProducerRecord<>(topic, keys.get(k), values.get(k)));
            }
            producer.flush();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "raw ceiling CPU: %.2f µs per record in the bench process (producer and broker)%n",
                    (ownCpuNanos() - cpuBefore) / 1e3 / count);
            return count / seconds;
        }
    }

    private static Process startCollector(
            Path jar, EmbeddedKafka kafka, EmbeddedPostgres postgres, int syslogPort, int httpPort) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-Dquarkus.profile=bench",
                "-Dkafka.bootstrap.servers=" + kafka.bootstrapServers(),
                "-Dquarkus.datasource.username=" + postgres.username(),
                "-Dquarkus.datasource.password=" + postgres.password(),
                "-Dquarkus.datasource.jdbc.url=" + postgres.jdbcUrl(),
                "-Dquarkus.datasource.reactive.url=" + postgres.reactiveUrl(),
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + httpPort,
                "-Dquarkus.http.ssl-port=" + FreePorts.next(),
                "-Dquarkus.management.port=" + ServiceProcess.managementPortFor(httpPort),
                "-Dopenjims.collector.syslog.host=127.0.0.1",
                "-Dopenjims.collector.syslog.port=" + syslogPort,
                "-Dopenjims.collector.syslog.tls.enabled=false",
                "-Dopenjims.collector.id=bench-collector",
                jfr(),
                "-jar",
                jar.toString()));
        // Environment BENCH_COLLECTOR_OPTS: extra JVM options / -D settings for the collector (experiments).
        String extra = System.getenv("BENCH_COLLECTOR_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(command.size() - 2, List.of(extra.trim().split("\\s+")));
        }
        File log = File.createTempFile("collector-bench-", ".log");
        System.out.println("collector log: " + log);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
    }

    /** CPU time this process used so far. */
    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU time the child process used so far (0 when unknown). */
    private static long cpuNanos(Process process) {
        return process.toHandle()
                .info()
                .totalCpuDuration()
                .map(Duration::toNanos)
                .orElse(0L);
    }

    /** The collector's syslog counters per sender (from /q/metrics): where UDP datagrams were lost. */
    private static void printCollectorCounters(int httpPort) {
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                                            + ServiceProcess.managementPortFor(httpPort)
                                            + "/q/metrics"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            response.body()
                    .lines()
                    .filter(line -> line.startsWith("openjims_syslog_sender_messages_total")
                            || line.startsWith("openjims_syslog_published")
                            || line.startsWith("openjims_syslog_publish_retries"))
                    .forEach(line -> System.out.println("collector: " + line));
        } catch (Exception e) {
            System.out.println("collector counters not read: " + e);
        }
    }

    /** Environment {@code BENCH_JFR=<file>}: the collector records a JFR profile (settings "profile") into that file. */
    private static String jfr() {
        String file = System.getenv("BENCH_JFR");
        return file == null || file.isBlank()
                ? "-Dbench.jfr=off"
                : "-XX:StartFlightRecording=settings=profile,filename=" + file;
    }

    private static void waitForListener(int port, Process collector) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (!collector.isAlive()) {
                throw new IllegalStateException("collector-service exited with " + collector.exitValue());
            }
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
        throw new IllegalStateException("syslog listener did not open port " + port);
    }

    /**
     * Sends count lines over the given number of TCP connections (newline framing); returns lines sent. The lines
     * (all distinct) are built before the clock starts, as the ceiling's records are, so the load generator's own
     * string building does not compete with the collector for the CPU.
     */
    private static long sendTcp(int port, int connections, long count, long distinctOffset) throws Exception {
        return sendTcp(port, prebuildTcp(connections, count, distinctOffset));
    }

    /** Per connection: its share of the lines, in chunks. */
    private static List<List<byte[]>> prebuildTcp(int connections, long count, long distinctOffset) {
        List<List<byte[]>> chunks = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            long share = count / connections + (c < count % connections ? 1 : 0);
            chunks.add(prebuild(distinctOffset + c * share, share));
        }
        return chunks;
    }

    private static long sendTcp(int port, List<List<byte[]>> chunks) throws Exception {
        int connections = chunks.size();
        long[] shares = new long[connections];
        for (int c = 0; c < connections; c++) {
            for (byte[] chunk : chunks.get(c)) {
                shares[c] += lineCount(chunk);
            }
        }
        long deadline = System.nanoTime() + PHASE_LIMIT.toNanos();
        List<Thread> threads = new ArrayList<>();
        long[] sent = new long[connections];
        for (int c = 0; c < connections; c++) {
            int connection = c;
            Thread thread = new Thread(() -> {
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                        OutputStream out = socket.getOutputStream()) {
                    for (byte[] chunk : chunks.get(connection)) {
                        out.write(chunk);
                        sent[connection] += LINES_PER_CHUNK;
                        if (System.nanoTime() > deadline) {
                            break;
                        }
                    }
                    sent[connection] = Math.min(sent[connection], shares[connection]);
                    out.flush();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long total = 0;
        for (long n : sent) {
            total += n;
        }
        return total;
    }

    private static final int LINES_PER_CHUNK = 1024;

    private static long lineCount(byte[] chunk) {
        long lines = 0;
        for (byte b : chunk) {
            if (b == '\n') {
                lines++;
            }
        }
        return lines;
    }

    /** The newline-framed lines first..first+count in chunks of {@link #LINES_PER_CHUNK} lines (the last may be short). */
    private static List<byte[]> prebuild(long first, long count) {
        List<byte[]> chunks = new ArrayList<>();
        java.io.ByteArrayOutputStream chunk = new java.io.ByteArrayOutputStream(LINES_PER_CHUNK * 110);
        for (long i = 0; i < count; i++) {
            chunk.writeBytes((syslogLine(first + i) + "\n").getBytes(StandardCharsets.UTF_8));
            if ((i + 1) % LINES_PER_CHUNK == 0 || i == count - 1) {
                chunks.add(chunk.toByteArray());
                chunk.reset();
            }
        }
        return chunks;
    }

    /** Sends count datagrams paced to the rate; returns datagrams sent. */
    private static long sendUdp(int port, long count, int ratePerSecond) throws IOException {
        long deadline = System.nanoTime() + PHASE_LIMIT.toNanos();
        long start = System.nanoTime();
        try (DatagramSocket socket = new DatagramSocket()) {
            InetAddress target = InetAddress.getLoopbackAddress();
            long i = 0;
            for (; i < count && System.nanoTime() < deadline; i++) {
                byte[] data = syslogLine(5_000_000 + i).getBytes(StandardCharsets.UTF_8);
                socket.send(new DatagramPacket(data, data.length, target, port));
                long due = start + (long) (i * 1e9 / ratePerSecond);
                long ahead = due - System.nanoTime();
                if (ahead > 200_000) {
                    // Sleep rather than spin: a spinning sender would take a core from the collector.
                    java.util.concurrent.locks.LockSupport.parkNanos(ahead);
                }
            }
            return i;
        }
    }
}

package io.openjims.bench.radius;

import io.openjims.bench.BenchJwt;
import io.openjims.bench.CpuMeter;
import io.openjims.bench.ServiceProcess;
import io.openjims.bench.TopicOffsets;
import io.openjims.devinfra.EmbeddedKafka;
import io.openjims.devinfra.EmbeddedPostgres;
import io.openjims.devinfra.FreePorts;
import io.openjims.model.Topics;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.aaa4j.radius.core.attribute.EnumData;
import org.aaa4j.radius.core.attribute.Ipv4AddrData;
import org.aaa4j.radius.core.attribute.TextData;
import org.aaa4j.radius.core.attribute.attributes.AcctSessionId;
import org.aaa4j.radius.core.attribute.attributes.AcctStatusType;
import org.aaa4j.radius.core.attribute.attributes.CallingStationId;
import org.aaa4j.radius.core.attribute.attributes.FramedIpAddress;
import org.aaa4j.radius.core.attribute.attributes.UserName;
import org.aaa4j.radius.core.dictionary.dictionaries.StandardDictionary;
import org.aaa4j.radius.core.packet.PacketCodec;
import org.aaa4j.radius.core.packet.PacketIdGenerator;
import org.aaa4j.radius.core.packet.packets.AccountingRequest;
import org.apache.kafka.clients.admin.Admin;

/**
 * RADIUS accounting benchmark: starts an embedded Kafka broker and PostgreSQL, collector-service (its quarkus-run.jar)
 * as a separate process, registers one NAS (127.0.0.1) through the admin API, then sends Accounting-Request Start
 * packets (one Framed-IP-Address each, all distinct, pre-built) over UDP from several source ports at a fixed rate
 * and counts the Accounting-Responses received and the events on identity.events; what was not answered is sent
 * again as a NAS does. None lost: every request answered (at once or after a retransmission) and its event on the
 * topic exactly once. Target: 20,000 requests/s on the 2-core machine.
 *
 * <pre>
 * ./mvnw -B -q package -pl collector-service -DskipTests
 * bench/run.sh io.openjims.bench.radius.RadiusBench [requests=600000] [ratePerSecond=20000] [sockets=8]
 *     [jar=collector-service/target/quarkus-app/quarkus-run.jar]
 * </pre>
 *
 * Bounded: sending stops after its count or 3 minutes, waiting for the topic after 10 s without progress.
 */
public final class RadiusBench {

    private static final Duration PHASE_LIMIT = Duration.ofMinutes(3);
    private static final int PARTITIONS = 3;
    private static final String SECRET = "bench-radius-secret-0123";

    private RadiusBench() {}

    public static void main(String[] args) throws Exception {
        long requests = args.length > 0 ? Long.parseLong(args[0]) : 600_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int sockets = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        Path jar = Path.of(args.length > 3 ? args[3] : "collector-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " missing: ./mvnw -B -q package -pl collector-service -DskipTests");
        }
        System.out.printf(
                Locale.ROOT,
                "machine: %d cores, java %s%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        Path work = Files.createTempDirectory("radius-bench-");
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
            kafka.createStartupTopics();
            kafka.createTopic(Topics.EVENTS, PARTITIONS, Map.of());
            kafka.createCompactedTopic(Topics.COLLECTORS, 1);
            KeyPair jwt = KeyPairGenerator.getInstance("RSA").generateKeyPair();
            Path publicKey = BenchJwt.writePublicKey(jwt, work.resolve("jwt-public.pem"));
            String token = BenchJwt.sign(jwt, "bench", "admin", "openjims-collector");
            byte[] aes = new byte[32];
            new SecureRandom().nextBytes(aes);
            int httpPort = FreePorts.next();
            int radiusPort = FreePorts.next();
            Map<String, String> env = new HashMap<>();
            env.put("OPENJIMS_JWT_PUBLIC_KEY_FILE", publicKey.toString());
            env.put("OPENJIMS_COLLECTOR_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(aes));
            env.put("OPENJIMS_COLLECTOR_ID", "bench-collector");
            env.put("OPENJIMS_COLLECTOR_SYSLOG_ENABLED", "false");
            env.put("OPENJIMS_COLLECTOR_RADIUS_HOST", "127.0.0.1");
            env.put("OPENJIMS_RADIUS_PORT", Integer.toString(radiusPort));
            Process collector = ServiceProcess.start(
                    jar,
                    work.resolve("collector.log"),
                    kafka,
                    postgres,
                    httpPort,
                    env,
                    Duration.ofMinutes(3),
                    List.of());
            System.out.println("collector log: " + work.resolve("collector.log"));
            try (Admin admin = kafka.admin()) {
                TopicOffsets offsets = new TopicOffsets(admin, Topics.EVENTS, PARTITIONS);
                registerNas(httpPort, token);
                PacketCodec codec = new PacketCodec(new StandardDictionary(), new SecureRandom()::nextBytes, new Ids());
                // Warm-up: JIT, producer connections, the topic's metadata.
                long warm = 20_000;
                long base = offsets.end();
                Result warmup = send(radiusPort, prebuild(codec, 0, warm, sockets), Math.min(rate, 10_000));
                offsets.await(base + warm, Duration.ofMinutes(1));
                System.out.printf(Locale.ROOT, "warm-up: %d sent, %d answered%n", warmup.sent(), warmup.answered());

                List<List<byte[]>> packets = prebuild(codec, warm, requests, sockets);
                System.out.printf(
                        Locale.ROOT,
                        "request: %d bytes (User-Name, Acct-Status-Type Start, Acct-Session-Id, Framed-IP-Address,"
                                + " Calling-Station-Id)%n",
                        packets.get(0).get(0).length);
                base = offsets.end();
                long start = System.nanoTime();
                long collectorCpu = cpuNanos(collector);
                CpuMeter cpu = CpuMeter.start(collector.pid());
                String loadBefore = loadAverage();
                Result result = send(radiusPort, packets, rate);
                packets = null;
                long delivered = offsets.await(base + result.sent(), PHASE_LIMIT) - base;
                double seconds = (offsets.lastChange() - start) / 1e9;
                System.out.printf(
                        Locale.ROOT,
                        "radius: %d Accounting-Requests sent at up to %d/s over %d sockets, %d answered at once, %d"
                                + " sent again as a NAS would, %d answered in the end (%d never), %d events on"
                                + " identity.events (%d lost, %d more than requests) in %.1f s: %.0f requests/s into"
                                + " Kafka%n",
                        result.sent(),
                        rate,
                        sockets,
                        result.answeredFirst(),
                        result.retransmitted(),
                        result.answered(),
                        result.sent() - result.answered(),
                        delivered,
                        Math.max(0, result.sent() - delivered),
                        Math.max(0, delivered - result.sent()),
                        seconds,
                        delivered / seconds);
                System.out.printf(
                        Locale.ROOT,
                        "radius CPU: %.2f µs per request in the collector%n",
                        (cpuNanos(collector) - collectorCpu) / 1e3 / Math.max(1, delivered));
                // The bench JVM hosts the broker and the load generator (senders, receivers, answer matching).
                System.out.printf(
                        Locale.ROOT,
                        "radius %s; load average %s at the start, %s at the end%n",
                        cpu.perItem(Math.max(1, delivered)),
                        loadBefore,
                        loadAverage());
                printCollectorCounters(httpPort);
            } finally {
                collector.destroy();
                collector.waitFor(20, TimeUnit.SECONDS);
                collector.destroyForcibly();
            }
        }
    }

    /** Identifiers 0..255 in turn (each socket's requests are told apart by identifier and authenticator). */
    private static final class Ids implements PacketIdGenerator {
        private int next;

        @Override
        public synchronized int nextId() {
            next = (next + 1) & 0xff;
            return next;
        }
    }

    private static void registerNas(int httpPort, String token) throws Exception {
        String body = "{\"name\":\"bench-nas\",\"address\":\"127.0.0.1\",\"secret\":\"" + SECRET
                + "\",\"domain\":\"EXAMPLE\"}";
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/admin/radius-clients"))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(
                    "RADIUS client not created: " + response.statusCode() + " " + response.body());
        }
    }

    /** Per socket: its share of Start requests first..first+count, each with its own address and session. */
    private static List<List<byte[]>> prebuild(PacketCodec codec, long first, long count, int sockets)
            throws Exception {
        List<List<byte[]>> out = new ArrayList<>();
        for (int s = 0; s < sockets; s++) {
            out.add(new ArrayList<>());
        }
        byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
        for (long i = 0; i < count; i++) {
            long n = first + i;
            byte[] ip = {10, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
            AccountingRequest request = new AccountingRequest(List.of(
                    new UserName(new TextData("EXAMPLE\\user" + (n % 100_000))),
                    new AcctStatusType(new EnumData(1)),
                    new AcctSessionId(new TextData("bench-" + n)),
                    new FramedIpAddress(new Ipv4AddrData((Inet4Address) InetAddress.getByAddress(ip))),
                    new CallingStationId(new TextData("02-00-00-"
                            + String.format("%02x-%02x-%02x", (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff)))));
            out.get((int) (i % sockets)).add(codec.encodeRequest(request, secret, new byte[16]));
        }
        return out;
    }

    private record Result(long sent, long answeredFirst, long retransmitted, long answered) {}

    /** A NAS's retransmission timeout (RFC 5080 suggests 2 s and more) and how often it sends again at most. */
    private static final Duration RETRANSMIT_AFTER = Duration.ofSeconds(3);

    private static final int RETRIES = 3;

    /**
     * Sends every socket's packets paced to the total rate (one sender thread per socket), reads the answers on
     * another thread per socket, matching each to its request by the Response Authenticator, then sends again what
     * was not answered, as a NAS does (after {@link #RETRANSMIT_AFTER}, at most {@link #RETRIES} times). Returns once
     * everything is answered or the retries are spent.
     */
    private static Result send(int port, List<List<byte[]>> packets, int rate) throws Exception {
        InetAddress target = InetAddress.getByName("127.0.0.1");
        byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
        int sockets = packets.size();
        AtomicLong sent = new AtomicLong();
        AtomicLong answered = new AtomicLong();
        List<DatagramSocket> open = new ArrayList<>();
        List<boolean[]> answeredFlags = new ArrayList<>();
        List<Thread> senders = new ArrayList<>();
        List<Thread> receivers = new ArrayList<>();
        long deadline = System.nanoTime() + PHASE_LIMIT.toNanos();
        double perSocketRate = (double) rate / sockets;
        for (int s = 0; s < sockets; s++) {
            DatagramSocket socket = new DatagramSocket(0, target);
            socket.setReceiveBufferSize(4 << 20);
            socket.setSoTimeout(200);
            open.add(socket);
            List<byte[]> mine = packets.get(s);
            Map<Long, Integer> byAnswer = new HashMap<>(mine.size() * 2);
            for (int i = 0; i < mine.size(); i++) {
                byAnswer.put(expectedAnswer(mine.get(i), secret), i);
            }
            boolean[] done = new boolean[mine.size()];
            answeredFlags.add(done);
            Thread receiver = new Thread(() -> {
                byte[] buffer = new byte[4096];
                while (!socket.isClosed()) {
                    try {
                        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                        socket.receive(packet);
                        if (buffer[0] == 5 && packet.getLength() >= 20) {
                            Integer index = byAnswer.get(answerKey(buffer[1], buffer, 4));
                            if (index != null) {
                                synchronized (done) {
                                    if (!done[index]) {
                                        done[index] = true;
                                        answered.incrementAndGet();
                                    }
                                }
                            }
                        }
                    } catch (SocketTimeoutException quiet) {
                        // keep reading until closed
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            });
            Thread sender = new Thread(() -> {
                long begin = System.nanoTime();
                for (int i = 0; i < mine.size() && System.nanoTime() < deadline; i++) {
                    transmit(socket, mine.get(i), target, port);
                    sent.incrementAndGet();
                    long due = begin + (long) ((i + 1) * 1e9 / perSocketRate);
                    long ahead = due - System.nanoTime();
                    if (ahead > 200_000) {
                        // Sleep rather than spin: a spinning sender would take a core from the collector.
                        LockSupport.parkNanos(ahead);
                    }
                }
            });
            receivers.add(receiver);
            senders.add(sender);
            receiver.start();
        }
        senders.forEach(Thread::start);
        for (Thread sender : senders) {
            sender.join();
        }
        long answeredFirst = awaitAnswers(answered, sent.get());
        long retransmitted = 0;
        for (int round = 0; round < RETRIES && answered.get() < sent.get(); round++) {
            // Each request times out on its own at a NAS, so retransmissions come at the sending rate, not at once.
            long begin = System.nanoTime();
            long resent = 0;
            for (int s = 0; s < sockets; s++) {
                boolean[] done = answeredFlags.get(s);
                List<byte[]> mine = packets.get(s);
                for (int i = 0; i < mine.size(); i++) {
                    boolean answeredYet;
                    synchronized (done) {
                        answeredYet = done[i];
                    }
                    if (!answeredYet) {
                        transmit(open.get(s), mine.get(i), target, port);
                        retransmitted++;
                        resent++;
                        long ahead = begin + (long) (resent * 1e9 / rate) - System.nanoTime();
                        if (ahead > 200_000) {
                            LockSupport.parkNanos(ahead);
                        }
                    }
                }
            }
            awaitAnswers(answered, sent.get());
        }
        open.forEach(DatagramSocket::close);
        for (Thread receiver : receivers) {
            receiver.join(2000);
        }
        return new Result(sent.get(), answeredFirst, retransmitted, answered.get());
    }

    /** Waits until every request is answered or no answer came for the retransmission timeout. */
    private static long awaitAnswers(AtomicLong answered, long sent) throws InterruptedException {
        long seen = answered.get();
        long quietSince = System.nanoTime();
        while (answered.get() < sent && System.nanoTime() - quietSince < RETRANSMIT_AFTER.toNanos()) {
            TimeUnit.MILLISECONDS.sleep(50);
            long now = answered.get();
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            }
        }
        return answered.get();
    }

    private static void transmit(DatagramSocket socket, byte[] data, InetAddress target, int port) {
        try {
            socket.send(new DatagramPacket(data, data.length, target, port));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The Response Authenticator the collector's answer to this request carries (RFC 2866: MD5 of Code 5, the
     * Identifier, Length 20, the Request Authenticator and the secret; the answer has no attributes).
     */
    private static long expectedAnswer(byte[] request, byte[] secret) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(new byte[] {5, request[1], 0, 20});
            md5.update(request, 4, 16);
            md5.update(secret);
            return answerKey(request[1], md5.digest(), 0);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The identifier and 56 bits of the Response Authenticator: unique enough among one socket's requests. */
    private static long answerKey(byte identifier, byte[] bytes, int offset) {
        long key = identifier & 0xffL;
        for (int k = 0; k < 7; k++) {
            key = (key << 8) | (bytes[offset + k] & 0xffL);
        }
        return key;
    }

    /** The 1-minute load average (from /proc/loadavg), or "?". */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    /** CPU time the child process used so far (0 when unknown). */
    private static long cpuNanos(Process process) {
        return process.toHandle()
                .info()
                .totalCpuDuration()
                .map(Duration::toNanos)
                .orElse(0L);
    }

    /** The collector's RADIUS counters (from /q/metrics): where requests went. */
    private static void printCollectorCounters(int httpPort) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                            + ServiceProcess.managementPortFor(httpPort)
                                            + "/q/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            response.body()
                    .lines()
                    .filter(line -> line.startsWith("openjims_radius_"))
                    .forEach(line -> System.out.println("collector: " + line));
        } catch (Exception e) {
            System.out.println("collector counters not read: " + e);
        }
    }
}

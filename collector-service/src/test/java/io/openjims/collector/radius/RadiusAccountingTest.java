package io.openjims.collector.radius;

import static io.openjims.collector.ingest.IngestTestSupport.randomIp;
import static io.openjims.collector.ingest.IngestTestSupport.readEvents;
import static io.openjims.collector.ingest.IngestTestSupport.uniqueUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.openjims.collector.radius.listener.RadiusServer;
import io.openjims.collector.radius.service.RadiusCounters;
import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.devinfra.Radclient;
import io.openjims.devinfra.SharedInfra;
import io.openjims.model.IdentityEvent;
import io.openjims.model.Operation;
import io.openjims.model.Topics;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real FreeRADIUS client (radclient) against the RADIUS accounting listener on a real UDP socket, with the events
 * on the real identity.events topic: start, interim, stop, Accounting-On, a stale Stop after roaming, a wrong secret,
 * an unknown NAS and a retransmission of a lost answer. Two NAS: 127.0.0.1 (trusted to assert roles, domain EXAMPLE)
 * and 127.0.0.2 (not trusted, domain branch.example.com).
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RadiusAccountingTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String NAS_A = RadiusTestClients.NAS_A;
    private static final String SECRET_A = RadiusTestClients.SECRET_A;
    private static final String NAS_B = RadiusTestClients.NAS_B;
    private static final String SECRET_B = RadiusTestClients.SECRET_B;
    private static final String FROM_B = "Packet-Src-IP-Address = 127.0.0.2";

    @Inject
    RadiusServer server;

    @Inject
    RadiusCounters counters;

    private String target;

    @BeforeEach
    void clients() {
        Radclient.path();
        RadiusTestClients.ensure();
        assertThat(server.port()).isPositive();
        target = "127.0.0.1:" + server.port();
    }

    @Test
    void startInterimAndStopArriveAsLogonsAndLogoffsWithUserDeviceRolesTimeoutAndSessionId() throws Exception {
        String ip4 = randomIp();
        String ip6 =
                "2001:db8:" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1, 0xffff)) + "::7";
        String user = uniqueUser("alice");
        String session = "S-" + UUID.randomUUID();
        List<String> start = List.of(
                "User-Name = \"EXAMPLE\\\\" + user + "\"",
                "Acct-Status-Type = Start",
                "Acct-Session-Id = \"" + session + "\"",
                "Framed-IP-Address = " + ip4,
                "Framed-IPv6-Address = " + ip6.toUpperCase(),
                "Calling-Station-Id = \"00-11-22-33-44-55\"",
                "Class = \"vpn-users\"",
                "Session-Timeout = 3600");

        Radclient.Result started = Radclient.acct(target, SECRET_A, start);
        assertThat(started.answered()).as(started.output()).isTrue();
        assertThat(Radclient.acct(target, SECRET_A, replace(start, "Acct-Status-Type = Interim-Update"))
                        .answered())
                .isTrue();
        assertThat(Radclient.acct(target, SECRET_A, replace(start, "Acct-Status-Type = Stop"))
                        .answered())
                .isTrue();

        List<IdentityEvent> events = events(e -> session.equals(e.sessionId()), 6);
        assertThat(events).hasSize(6);
        assertThat(events).extracting(IdentityEvent::ip).containsOnly(ip4, ip6);
        for (String ip : List.of(ip4, ip6)) {
            assertThat(events.stream().filter(e -> e.ip().equals(ip)).map(IdentityEvent::operation))
                    .containsExactly(Operation.LOGON, Operation.LOGON, Operation.LOGOFF);
        }
        IdentityEvent logon = events.get(0);
        assertThat(logon.user()).isEqualTo(user);
        assertThat(logon.domain()).isEqualTo("EXAMPLE");
        assertThat(logon.device().identity()).isEqualTo("00-11-22-33-44-55");
        assertThat(logon.roles()).containsExactly("vpn-users");
        assertThat(logon.timeoutMinutes()).isEqualTo(60);
        assertThat(logon.source().producerKind()).isEqualTo("radius");
        assertThat(logon.source().producerName()).isEqualTo(NAS_A);
        assertThat(logon.occurredAt()).isNotNull();
        assertThat(events).allSatisfy(e -> assertThat(e.user()).isEqualTo(user));
    }

    @Test
    void sessionTimeoutZeroNeverExpiresAndValuesOutsideTheRangeAreKeptAtTheBoundAndCounted() throws Exception {
        String user = uniqueUser("tina");
        long clamped = counters.timeoutClampedCount();
        List<String> ips = List.of(randomIp(), randomIp(), randomIp(), randomIp());
        List<String> timeouts = List.of("0", "200000", "60", "86400");
        for (int i = 0; i < ips.size(); i++) {
            List<String> start = List.of(
                    "User-Name = \"" + user + "\"",
                    "Acct-Status-Type = Start",
                    "Acct-Session-Id = \"T-" + i + "-" + UUID.randomUUID() + "\"",
                    "Framed-IP-Address = " + ips.get(i),
                    "Session-Timeout = " + timeouts.get(i));
            assertThat(Radclient.acct(target, SECRET_A, start).answered()).isTrue();
        }
        List<IdentityEvent> events = events(e -> ips.contains(e.ip()), 4);
        // 0: no limit (never expires); 200000 s: above 1440 minutes, kept at 1440; 60 s: below 10, kept at 10;
        // 86400 s: exactly 1440.
        assertThat(ips.stream()
                        .map(ip -> events.stream()
                                .filter(e -> e.ip().equals(ip))
                                .findFirst()
                                .orElseThrow()
                                .timeoutMinutes()))
                .containsExactly(0, 1440, 10, 1440);
        assertThat(counters.timeoutClampedCount()).isGreaterThanOrEqualTo(clamped + 2);
    }

    @Test
    void userNameFormsTakeTheirDomainOrTheClientsAndAnUntrustedClientsClassIsDropped() throws Exception {
        String ip1 = randomIp();
        String ip2 = randomIp();
        String carol = uniqueUser("carol");
        String dave = uniqueUser("dave");
        long rolesDropped = counters.rolesDroppedCount();
        assertThat(Radclient.acct(
                                target,
                                SECRET_B,
                                List.of(
                                        FROM_B,
                                        "User-Name = \"" + carol + "@corp.example\"",
                                        "Acct-Status-Type = Start",
                                        "Framed-IP-Address = " + ip1,
                                        "Class = \"domain-admins\""))
                        .answered())
                .isTrue();
        assertThat(Radclient.acct(
                                target,
                                SECRET_B,
                                List.of(
                                        FROM_B,
                                        "User-Name = \"" + dave + "\"",
                                        "Acct-Status-Type = Start",
                                        "Framed-IP-Address = " + ip2))
                        .answered())
                .isTrue();

        List<IdentityEvent> events = events(e -> e.ip().equals(ip1) || e.ip().equals(ip2), 2);
        assertThat(events).hasSize(2);
        IdentityEvent first =
                events.stream().filter(e -> e.ip().equals(ip1)).findFirst().orElseThrow();
        assertThat(first.user()).isEqualTo(carol);
        assertThat(first.domain()).isEqualTo("corp.example");
        assertThat(first.roles()).isEmpty();
        assertThat(first.source().producerName()).isEqualTo(NAS_B);
        IdentityEvent second =
                events.stream().filter(e -> e.ip().equals(ip2)).findFirst().orElseThrow();
        assertThat(second.user()).isEqualTo(dave);
        assertThat(second.domain()).isEqualTo("branch.example.com");
        assertThat(counters.rolesDroppedCount()).isGreaterThan(rolesDropped);
    }

    @Test
    void aStopOfTheOlderSessionAfterRoamingLeavesTheNewerSession() throws Exception {
        String ip = randomIp();
        String user = uniqueUser("erin");
        List<String> onA = List.of(
                "User-Name = \"" + user + "\"",
                "Acct-Status-Type = Start",
                "Acct-Session-Id = \"old-on-a\"",
                "Framed-IP-Address = " + ip);
        List<String> onB = List.of(
                FROM_B,
                "User-Name = \"" + user + "\"",
                "Acct-Status-Type = Start",
                "Acct-Session-Id = \"new-on-b\"",
                "Framed-IP-Address = " + ip);
        assertThat(Radclient.acct(target, SECRET_A, onA).answered()).isTrue();
        assertThat(Radclient.acct(target, SECRET_B, onB).answered()).isTrue();
        // The old NAS reports its session's end after the new Start: answered, nothing published.
        Radclient.Result staleStop = Radclient.acct(target, SECRET_A, replace(onA, "Acct-Status-Type = Stop"));
        assertThat(staleStop.answered()).as(staleStop.output()).isTrue();
        assertThat(Radclient.acct(target, SECRET_B, replace(onB, "Acct-Status-Type = Stop"))
                        .answered())
                .isTrue();

        // One partition per address: a published stale logoff would come before the newer session's logoff.
        List<IdentityEvent> events = events(e -> e.ip().equals(ip), 3);
        assertThat(events)
                .extracting(IdentityEvent::operation, IdentityEvent::sessionId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Operation.LOGON, "old-on-a"),
                        org.assertj.core.groups.Tuple.tuple(Operation.LOGON, "new-on-b"),
                        org.assertj.core.groups.Tuple.tuple(Operation.LOGOFF, "new-on-b"));
        assertThat(counters.count("openjims.radius.events.ignored", "stale_session"))
                .isPositive();
    }

    @Test
    void accountingOnEndsEverySessionItsNasOpenedAndNoOther() throws Exception {
        String ipB1 = randomIp();
        String ipB2 = randomIp();
        String ipA = randomIp();
        String frank = uniqueUser("frank");
        String grace = uniqueUser("grace");
        String heidi = uniqueUser("heidi");
        assertThat(Radclient.acct(target, SECRET_B, start(FROM_B, frank, ipB1)).answered())
                .isTrue();
        assertThat(Radclient.acct(target, SECRET_B, start(FROM_B, grace, ipB2)).answered())
                .isTrue();
        List<String> heidiOnA = start(null, heidi, ipA);
        assertThat(Radclient.acct(target, SECRET_A, heidiOnA).answered()).isTrue();

        Radclient.Result on = Radclient.acct(
                target, SECRET_B, List.of(FROM_B, "Acct-Status-Type = Accounting-On", "Acct-Session-Id = \"0\""));
        assertThat(on.answered()).as(on.output()).isTrue();
        // A marker behind anything the Accounting-On could have published for heidi's address.
        assertThat(Radclient.acct(target, SECRET_A, replace(heidiOnA, "Acct-Status-Type = Interim-Update"))
                        .answered())
                .isTrue();

        List<IdentityEvent> ended =
                events(e -> e.operation() == Operation.LOGOFF && (e.ip().equals(ipB1) || e.ip().equals(ipB2)), 2);
        assertThat(ended).extracting(IdentityEvent::user).containsExactlyInAnyOrder(frank, grace);
        assertThat(ended).allSatisfy(e -> assertThat(e.source().producerName()).isEqualTo(NAS_B));
        List<IdentityEvent> heidis = events(e -> e.ip().equals(ipA), 2);
        assertThat(heidis).extracting(IdentityEvent::operation).containsExactly(Operation.LOGON, Operation.LOGON);
    }

    @Test
    void aWrongSecretAndAnUnknownNasGetNoAnswerAndAreCountedAndPublishNothing() throws Exception {
        String ip = randomIp();
        String user = uniqueUser("mallory");
        long badBefore = counters.count("openjims.radius.requests.dropped", RadiusCounters.BAD_AUTHENTICATOR);
        long unknownBefore = counters.count("openjims.radius.requests.dropped", RadiusCounters.UNKNOWN_CLIENT);

        Radclient.Result wrongSecret = Radclient.acct(target, "not-the-secret", start(null, user, ip), 1, 1);
        assertThat(wrongSecret.answered()).isFalse();
        assertThat(wrongSecret.output()).contains("No reply");
        Radclient.Result unknownNas =
                Radclient.acct(target, SECRET_A, start("Packet-Src-IP-Address = 127.0.0.3", user, ip), 1, 1);
        assertThat(unknownNas.answered()).isFalse();
        assertThat(unknownNas.output()).contains("No reply");

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(counters.count("openjims.radius.requests.dropped", RadiusCounters.BAD_AUTHENTICATOR))
                    .isEqualTo(badBefore + 1);
            assertThat(counters.count("openjims.radius.requests.dropped", RadiusCounters.UNKNOWN_CLIENT))
                    .isEqualTo(unknownBefore + 1);
        });
        String marker = uniqueUser("marker");
        assertThat(Radclient.acct(target, SECRET_A, start(null, marker, ip)).answered())
                .isTrue();
        assertThat(events(e -> e.ip().equals(ip), 1))
                .extracting(IdentityEvent::user)
                .containsExactly(marker);
    }

    @Test
    void anAnswerLostOnTheWayIsRetransmittedAndAnsweredAgainWithoutASecondEvent() throws Exception {
        String ip = randomIp();
        String user = uniqueUser("ivan");
        long answeredAgain = counters.count("openjims.radius.requests.duplicate", "answered");
        try (LossyRelay relay = new LossyRelay(server.port())) {
            // radclient waits 1 s for the (dropped) first answer, then sends the same packet again.
            Radclient.Result result =
                    Radclient.acct("127.0.0.1:" + relay.port(), SECRET_A, start(null, user, ip), 3, 1);
            assertThat(result.answered()).as(result.output()).isTrue();
            assertThat(relay.requests()).isEqualTo(2);
            assertThat(relay.identicalRequests()).isTrue();
            assertThat(relay.answersDropped()).isEqualTo(1);
        }
        assertThat(counters.count("openjims.radius.requests.duplicate", "answered"))
                .isEqualTo(answeredAgain + 1);
        String marker = uniqueUser("marker");
        assertThat(Radclient.acct(target, SECRET_A, start(null, marker, ip)).answered())
                .isTrue();
        assertThat(events(e -> e.ip().equals(ip), 2))
                .extracting(IdentityEvent::user)
                .containsExactly(user, marker);
    }

    @Test
    void hostileTextIsRefusedButAnsweredAndATimeFarAheadIsClampedToTheReceiveTime() throws Exception {
        String ip = randomIp();
        long refused = counters.count("openjims.radius.events.ignored", "refused");
        Radclient.Result hostile = Radclient.acct(
                target,
                SECRET_A,
                List.of("User-Name = \"tab\\there\"", "Acct-Status-Type = Start", "Framed-IP-Address = " + ip));
        assertThat(hostile.answered()).as(hostile.output()).isTrue();
        assertThat(counters.count("openjims.radius.events.ignored", "refused")).isEqualTo(refused + 1);

        String user = uniqueUser("oscar");
        Instant before = Instant.now();
        // 2099-01-01T00:00:00Z, far more than max-future-skew ahead.
        List<String> future = new ArrayList<>(start(null, user, ip));
        future.add("Event-Timestamp = 4070908800");
        assertThat(Radclient.acct(target, SECRET_A, future).answered()).isTrue();
        List<IdentityEvent> events = events(e -> e.ip().equals(ip), 1);
        assertThat(events).extracting(IdentityEvent::user).containsExactly(user);
        assertThat(events.get(0).occurredAt()).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(events.get(0).occurredAt()).isEqualTo(events.get(0).receivedAt());
    }

    private static List<String> start(String from, String user, String ip) {
        List<String> lines = new ArrayList<>();
        if (from != null) {
            lines.add(from);
        }
        lines.add("User-Name = \"" + user + "\"");
        lines.add("Acct-Status-Type = Start");
        lines.add("Acct-Session-Id = \"" + UUID.randomUUID() + "\"");
        lines.add("Framed-IP-Address = " + ip);
        return lines;
    }

    private static List<String> replace(List<String> lines, String status) {
        return lines.stream()
                .map(line -> line.startsWith("Acct-Status-Type") ? status : line)
                .toList();
    }

    private static List<IdentityEvent> events(Predicate<IdentityEvent> match, int count) {
        return readEvents(SharedInfra.kafkaBootstrapServers(), Topics.EVENTS, match, count, WAIT).stream()
                .map(ConsumerRecord::value)
                .toList();
    }

    /**
     * A UDP relay between radclient and the listener that loses the first answer, as a network may: radclient then
     * sends the same request again (same identifier and authenticator, from the relay's same port).
     */
    private static final class LossyRelay implements AutoCloseable {

        private final DatagramSocket down;
        private final DatagramSocket up;
        private final AtomicInteger requests = new AtomicInteger();
        private final AtomicInteger answersDropped = new AtomicInteger();
        private final AtomicReference<SocketAddress> client = new AtomicReference<>();
        private final List<byte[]> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Thread forward;
        private final Thread back;

        LossyRelay(int serverPort) throws SocketException, java.net.UnknownHostException {
            InetAddress loopback = InetAddress.getByName("127.0.0.1");
            down = new DatagramSocket(0, loopback);
            up = new DatagramSocket(0, loopback);
            forward = new Thread(() -> pump(down, packet -> {
                client.set(packet.getSocketAddress());
                requests.incrementAndGet();
                seen.add(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                up.send(new DatagramPacket(packet.getData(), packet.getLength(), loopback, serverPort));
            }));
            back = new Thread(() -> pump(up, packet -> {
                if (answersDropped.get() == 0) {
                    answersDropped.incrementAndGet();
                    return;
                }
                down.send(new DatagramPacket(packet.getData(), packet.getLength(), client.get()));
            }));
            forward.start();
            back.start();
        }

        int port() {
            return down.getLocalPort();
        }

        int requests() {
            return requests.get();
        }

        int answersDropped() {
            return answersDropped.get();
        }

        boolean identicalRequests() {
            return seen.size() >= 2 && java.util.Arrays.equals(seen.get(0), seen.get(1));
        }

        private interface Handler {
            void handle(DatagramPacket packet) throws java.io.IOException;
        }

        private static void pump(DatagramSocket socket, Handler handler) {
            byte[] buffer = new byte[4096];
            while (!socket.isClosed()) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                    handler.handle(packet);
                } catch (java.io.IOException e) {
                    return;
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            down.close();
            up.close();
            forward.join(5000);
            back.join(5000);
        }
    }
}

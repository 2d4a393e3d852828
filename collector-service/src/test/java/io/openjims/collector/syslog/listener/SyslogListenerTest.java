package io.openjims.collector.syslog.listener;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.openjims.collector.syslog.samples.SyslogSamples;
import io.openjims.collector.syslog.service.SyslogCounters;
import io.openjims.collector.syslog.service.SyslogCounters.Outcome;
import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.model.IdentityEvent;
import io.openjims.model.Operation;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Syslog over real UDP, TCP (both framings) and TLS sockets ends up as events on the real identity.events topic. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SyslogListenerTest {

    /** The management interface (health, metrics, OpenAPI): a port of its own. */
    @TestHTTPResource(value = "/", management = true)
    URI management;

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    SyslogServer server;

    @Inject
    SyslogCounters counters;

    private EventsTopic topic;

    @Test
    void datagramsFromManySourcePortsAddNoMetricSeries() throws Exception {
        String p = "10." + ThreadLocalRandom.current().nextInt(1, 255) + "."
                + ThreadLocalRandom.current().nextInt(1, 255) + ".";
        // Each call sends from a new source port, as spoofed senders would.
        for (int i = 0; i < 50; i++) {
            SyslogSenders.udp(server.port(), List.of("<13>not a logon " + i));
        }
        SyslogSenders.udp(server.port(), List.of(SyslogSamples.keyValue(p + 1, "pat", "login")));
        assertArrived(List.of(new Expected("", Operation.LOGON, "pat", "example.com", p + 1)));

        String metrics = given().when()
                .get(management.resolve("/q/metrics"))
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(metrics).contains("openjims_syslog_sender_messages_total").doesNotContain("remote_address");
    }

    /** A sample line and the event it must produce. */
    record Expected(String line, Operation operation, String user, String domain, String ip) {}

    @BeforeEach
    void openTopic() {
        topic = new EventsTopic();
    }

    @AfterEach
    void closeTopic() {
        topic.close();
    }

    /** One line per built-in rule (logoffs after their logons), each with its own address under a fresh prefix. */
    private static List<Expected> everyBuiltInRule() {
        String p = "10." + ThreadLocalRandom.current().nextInt(1, 255) + "."
                + ThreadLocalRandom.current().nextInt(1, 255) + ".";
        String logonId = "0x" + Long.toHexString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
        String snareLogonId = "0x"
                + Long.toHexString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE))
                        .toUpperCase();
        List<Expected> all = new ArrayList<>();
        all.add(new Expected(SyslogSamples.nxlog4624(p + 1), Operation.LOGON, "alice", "EXAMPLE", p + 1));
        all.add(new Expected(
                SyslogSamples.snare4624(p + 2, "grace", "EXAMPLE", "3"), Operation.LOGON, "grace", "EXAMPLE", p + 2));
        all.add(new Expected(
                SyslogSamples.nxlog4768(p + 3, "dave", "0x0"), Operation.LOGON, "dave", "EXAMPLE.COM", p + 3));
        all.add(new Expected(
                SyslogSamples.snare4768(p + 4, "heidi", "0x0"), Operation.LOGON, "heidi", "EXAMPLE.COM", p + 4));
        all.add(new Expected(
                SyslogSamples.nxlog4624OnTerminalServer(p + 5, "erin", logonId),
                Operation.LOGON,
                "erin",
                "EXAMPLE",
                p + 5));
        all.add(new Expected(
                SyslogSamples.nxlogLogoff(4634, "erin", "10", logonId), Operation.LOGOFF, "erin", "EXAMPLE", p + 5));
        all.add(new Expected(
                SyslogSamples.snare4624OnTerminalServer(p + 6, "ivan", snareLogonId),
                Operation.LOGON,
                "ivan",
                "EXAMPLE",
                p + 6));
        all.add(new Expected(
                SyslogSamples.snareLogoff(4647, "ivan", null, snareLogonId),
                Operation.LOGOFF,
                "ivan",
                "EXAMPLE",
                p + 6));
        all.add(new Expected(
                SyslogSamples.isePassed(p + 7, "mallory@example.com"),
                Operation.LOGON,
                "mallory",
                "example.com",
                p + 7));
        all.add(new Expected(
                SyslogSamples.iseAccountingStop(p + 8, "EXAMPLE\\mallory"),
                Operation.LOGOFF,
                "mallory",
                "EXAMPLE",
                p + 8));
        all.add(new Expected(SyslogSamples.clearPassSession(p + 9, "oscar"), Operation.LOGON, "oscar", null, p + 9));
        all.add(new Expected(
                SyslogSamples.clearPassAccountingStop(p + 10, "oscar@example.com"),
                Operation.LOGOFF,
                "oscar",
                "example.com",
                p + 10));
        all.add(new Expected(
                SyslogSamples.keyValue(p + 11, "peggy", "login"), Operation.LOGON, "peggy", "example.com", p + 11));
        all.add(new Expected(
                SyslogSamples.keyValue(p + 12, "peggy", "logout"), Operation.LOGOFF, "peggy", "example.com", p + 12));
        return all;
    }

    private void assertArrived(List<Expected> expected) {
        Map<String, List<Expected>> byIp = expected.stream().collect(Collectors.groupingBy(Expected::ip));
        List<ConsumerRecord<String, IdentityEvent>> records =
                topic.await(record -> byIp.containsKey(record.key()), expected.size(), WAIT);
        assertThat(records).hasSize(expected.size());
        for (ConsumerRecord<String, IdentityEvent> record : records) {
            IdentityEvent event = record.value();
            assertThat(record.key()).isEqualTo(event.ip());
            assertThat(event.source().producerKind()).isEqualTo("syslog");
            assertThat(event.receivedAt()).isNotNull();
            assertThat(event.occurredAt()).isNotNull();
            assertThat(byIp.get(event.ip())).as("event %s", event).anySatisfy(e -> {
                assertThat(event.operation()).isEqualTo(e.operation());
                assertThat(event.user()).isEqualTo(e.user());
                assertThat(event.domain()).isEqualTo(e.domain());
            });
        }
        Map<String, Long> perIp =
                records.stream().collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
        byIp.forEach((ip, lines) -> assertThat(perIp.get(ip)).as(ip).isEqualTo((long) lines.size()));
    }

    private static List<String> lines(List<Expected> expected) {
        return expected.stream().map(Expected::line).toList();
    }

    @Test
    void tcpNewlineFramingDeliversEveryBuiltInRule() throws Exception {
        List<Expected> expected = everyBuiltInRule();
        SyslogSenders.tcp(server.port(), SyslogSenders.newlineFramed(lines(expected)));
        assertArrived(expected);
    }

    @Test
    void tcpOctetCountingDeliversEveryBuiltInRule() throws Exception {
        List<Expected> expected = everyBuiltInRule();
        SyslogSenders.tcp(server.port(), SyslogSenders.octetCounted(lines(expected)));
        assertArrived(expected);
    }

    @Test
    void tlsDeliversEveryBuiltInRule() throws Exception {
        assertThat(server.tlsPort()).isPositive();
        List<Expected> expected = everyBuiltInRule();
        SyslogSenders.tls(server.tlsPort(), server.tlsCertificatePem(), SyslogSenders.octetCounted(lines(expected)));
        assertArrived(expected);
    }

    @Test
    void udpDeliversEveryBuiltInRule() throws Exception {
        List<Expected> expected = everyBuiltInRule();
        // Loopback keeps datagram order, so each logoff follows its logon as on the wire.
        SyslogSenders.udp(server.port(), lines(expected));
        assertArrived(expected);
    }

    @Test
    void badLinesAreCountedAndTheListenerKeepsServing() throws Exception {
        String sender = "127.0.0.1";
        Function<Outcome, Long> count = outcome -> counters.sender(sender, outcome);
        long unmatched = count.apply(Outcome.UNMATCHED);
        long dropped = count.apply(Outcome.DROPPED);
        long malformed = count.apply(Outcome.MALFORMED);
        long rejected = count.apply(Outcome.REJECTED);
        String p = "10." + ThreadLocalRandom.current().nextInt(1, 255) + "."
                + ThreadLocalRandom.current().nextInt(1, 255) + ".";

        List<String> bad = List.of(
                "<13>Mar  5 10:15:42 host sshd[42]: Accepted publickey for root from 10.0.0.1",
                "\u0001\u0002 not syslog at all",
                "<13>" + "x".repeat(9000),
                "user=zed ip=10.1.2.999 action=login");
        SyslogSenders.tcp(server.port(), SyslogSenders.newlineFramed(bad));
        SyslogSenders.tcp(server.port(), ("99999999999 junk\n").getBytes());
        SyslogSenders.udp(server.port(), List.of("<13>" + "y".repeat(9000)));
        SyslogSenders.tcp(
                server.port(), SyslogSenders.newlineFramed(List.of(SyslogSamples.keyValue(p + 1, "zoe", "login"))));
        SyslogSenders.udp(server.port(), List.of(SyslogSamples.keyValue(p + 2, "zoe", "login")));

        assertArrived(List.of(
                new Expected("", Operation.LOGON, "zoe", "example.com", p + 1),
                new Expected("", Operation.LOGON, "zoe", "example.com", p + 2)));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(count.apply(Outcome.UNMATCHED)).isGreaterThanOrEqualTo(unmatched + 2);
            assertThat(count.apply(Outcome.DROPPED)).isGreaterThanOrEqualTo(dropped + 3);
            assertThat(count.apply(Outcome.MALFORMED)).isGreaterThanOrEqualTo(malformed + 2);
            assertThat(count.apply(Outcome.REJECTED)).isGreaterThanOrEqualTo(rejected + 1);
        });
        assertThat(counters.rule("generic-key-value-login", Outcome.REJECTED)).isPositive();
        assertThat(counters.snapshot())
                .containsKeys(
                        "syslog.received",
                        "syslog.sender.127.0.0.1.dropped",
                        "syslog.rule.generic-key-value-login.matched");
        given().when()
                .get(management.resolve("/q/metrics"))
                .then()
                .statusCode(200)
                .body(containsString("openjims_syslog_sender_messages_total{outcome=\"dropped\",sender=\"127.0.0.1\"}"))
                .body(containsString(
                        "openjims_syslog_rule_messages_total{outcome=\"matched\",rule=\"generic-key-value-login\"}"));
    }

    /**
     * The datagram that once stopped the view: a NUL in the user. It and other hostile text (escape sequences, invalid
     * UTF-8, an oversized field) are refused and counted; the logons sent right after arrive; a logon dated in the year
     * 2999 is published at its receive time.
     */
    @Test
    void hostileTextIsRefusedAndTheLogonsBehindItArrive() throws Exception {
        String sender = "127.0.0.1";
        long rejected = counters.sender(sender, Outcome.REJECTED);
        String p = "10." + ThreadLocalRandom.current().nextInt(1, 255) + "."
                + ThreadLocalRandom.current().nextInt(1, 255) + ".";
        SyslogSenders.udp(
                server.port(),
                List.of(
                        "user=a\u0000b domain=example.com ip=" + p + 1 + " action=login",
                        "user=ev\u001b[2Jil domain=example.com ip=" + p + 1 + " action=login",
                        "user=" + "z".repeat(1000) + " domain=example.com ip=" + p + 1 + " action=login"));
        byte[] invalidUtf8 = ("user=bad\u00ff domain=example.com ip=" + p + 1 + " action=login")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        try (var socket = new java.net.DatagramSocket()) {
            socket.send(new java.net.DatagramPacket(
                    invalidUtf8, invalidUtf8.length, java.net.InetAddress.getLoopbackAddress(), server.port()));
        }
        SyslogSenders.udp(
                server.port(),
                List.of(
                        "user=bob domain=example.com ip=" + p + 1 + " action=login",
                        "<134>1 2999-01-01T00:00:00Z app01 portal - - - user=mallory domain=example.com ip=" + p + 2
                                + " action=login"));

        List<ConsumerRecord<String, IdentityEvent>> arrived =
                topic.await(r -> r.key().startsWith(p) && r.key().length() > p.length(), 2, WAIT);
        assertThat(arrived).extracting(r -> r.value().user()).containsExactlyInAnyOrder("bob", "mallory");
        IdentityEvent mallory = arrived.stream()
                .map(ConsumerRecord::value)
                .filter(e -> e.user().equals("mallory"))
                .findFirst()
                .orElseThrow();
        assertThat(mallory.occurredAt()).isEqualTo(mallory.receivedAt());
        // Four refusals: two control characters and the invalid UTF-8 by the event check, the long user by its rule.
        await().atMost(WAIT)
                .untilAsserted(() ->
                        assertThat(counters.sender(sender, Outcome.REJECTED)).isGreaterThanOrEqualTo(rejected + 4));
        given().when()
                .get(management.resolve("/q/metrics"))
                .then()
                .statusCode(200)
                .body(containsString(
                        "openjims_collector_events_refused_total{path=\"syslog\",reason=\"control_character\"}"))
                .body(containsString(
                        "openjims_collector_events_refused_total{path=\"syslog\",reason=\"invalid_unicode\"}"))
                .body(containsString("openjims_collector_events_clamped_total{path=\"syslog\""));
    }
}

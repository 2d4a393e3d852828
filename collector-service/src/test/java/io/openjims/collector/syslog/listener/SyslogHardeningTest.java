package io.openjims.collector.syslog.listener;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.openjims.collector.syslog.samples.SyslogSamples;
import io.openjims.collector.syslog.service.SyslogCounters;
import io.openjims.collector.syslog.service.SyslogCounters.HandshakeFailure;
import io.openjims.collector.syslog.service.SyslogCounters.Refusal;
import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.model.IdentityEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The syslog listener's defences over real sockets and the real identity.events topic: mutual TLS against a CA bundle,
 * the per-source connection limit, the allow-list, and the scope of a named sender. Senders other than 127.0.0.1 send
 * from other loopback addresses (all of 127/8 is loopback on Linux).
 */
@QuarkusTest
@TestProfile(SyslogHardeningTest.HardeningProfile.class)
class SyslogHardeningTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int PER_SOURCE = 3;
    /** A named sender limited to example.com and 10.77.0.0/16. */
    private static final String SCOPED = "127.0.0.2";

    private static final String SCOPED_NAME = "dc01.example.com";
    /** Allowed, unrestricted; used for the per-source limit. */
    private static final String BUSY = "127.0.0.3";
    /** On no list. */
    private static final String STRANGER = "127.0.0.4";

    /** Keys and certificates, made once per JVM (the profile and the test may load this class twice). */
    static final class Pki {

        static final Path DIR =
                Path.of("target", "syslog-mtls-" + ProcessHandle.current().pid());

        static synchronized Path dir() {
            if (!Files.exists(DIR.resolve("bundle.pem"))) {
                TestCa unrelated = TestCa.create("Unrelated CA");
                TestCa senders = TestCa.create("Syslog senders CA");
                TestCa other = TestCa.create("Some other CA");
                TestCa.Client client = senders.issueClient("dc02.example.com");
                TestCa.Client stranger = other.issueClient("intruder.example.com");
                try {
                    Files.createDirectories(DIR);
                    // Two CAs in the bundle: the senders' CA second, so every certificate of the file counts.
                    Files.writeString(DIR.resolve("bundle.pem"), unrelated.certificatePem() + senders.certificatePem());
                    Files.writeString(DIR.resolve("client.crt"), client.certificatePem());
                    Files.writeString(DIR.resolve("client.key"), client.keyPem());
                    Files.writeString(DIR.resolve("stranger.crt"), stranger.certificatePem());
                    Files.writeString(DIR.resolve("stranger.key"), stranger.keyPem());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return DIR;
        }

        static TestCa.Client client(String name) {
            try {
                return new TestCa.Client(
                        Files.readString(dir().resolve(name + ".crt")), Files.readString(dir().resolve(name + ".key")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static class HardeningProfile implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "openjims.collector.syslog.tls.client-ca-file",
                    Pki.dir().resolve("bundle.pem").toAbsolutePath().toString(),
                    "openjims.collector.syslog.max-connections-per-source",
                    String.valueOf(PER_SOURCE),
                    "openjims.collector.syslog.allowed-senders",
                    "127.0.0.1," + BUSY,
                    "openjims.collector.syslog.senders.\"" + SCOPED_NAME + "\".addresses",
                    SCOPED + "/32",
                    "openjims.collector.syslog.senders.\"" + SCOPED_NAME + "\".domains",
                    "example.com",
                    "openjims.collector.syslog.senders.\"" + SCOPED_NAME + "\".address-ranges",
                    "10.77.0.0/16");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(
                    new TestResourceEntry(KafkaTestResource.class), new TestResourceEntry(PostgresTestResource.class));
        }
    }

    @TestHTTPResource(value = "/", management = true)
    URI management;

    @Inject
    SyslogServer server;

    @Inject
    SyslogCounters counters;

    private EventsTopic topic;

    @BeforeEach
    void openTopic() {
        topic = new EventsTopic();
    }

    @AfterEach
    void closeTopic() {
        topic.close();
    }

    /** A fresh {@code 10.a.b.} prefix. */
    private static String freshPrefix() {
        return freshPrefix("10." + ThreadLocalRandom.current().nextInt(1, 255));
    }

    /** A fresh prefix of three octets under the given two, e.g. {@code 10.77.c.}. */
    private static String freshPrefix(String twoOctets) {
        return twoOctets + "." + ThreadLocalRandom.current().nextInt(1, 255) + ".";
    }

    private static String line(String user, String domain, String ip) {
        return "user=" + user + " domain=" + domain + " ip=" + ip + " action=login";
    }

    /**
     * Waits for one record per address and returns all records seen for the prefix's addresses .1 to .9 (the ones
     * these tests send; another test on the shared topic may have drawn the same prefix for other addresses).
     */
    private List<ConsumerRecord<String, IdentityEvent>> awaitIps(String prefix, Set<String> ips) {
        List<ConsumerRecord<String, IdentityEvent>> records = topic.await(r -> ips.contains(r.key()), ips.size(), WAIT);
        assertThat(records.stream().map(ConsumerRecord::key).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(ips);
        return topic.await(
                r -> r.key().startsWith(prefix)
                        && r.key().substring(prefix.length()).matches("[1-9]"),
                0,
                Duration.ZERO);
    }

    @Test
    void aClientCertificateFromTheBundleIsAcceptedAndItsLogonArrives() throws Exception {
        String p = freshPrefix();
        IOException refusal = SyslogSenders.tlsRefusal(
                SyslogSenders.tlsSocket(server.tlsPort(), server.tlsCertificatePem(), Pki.client("client")),
                SyslogSenders.octetCounted(List.of(SyslogSamples.keyValue(p + 1, "trent", "login"))));
        assertThat(refusal)
                .as("TLS with a certificate from the second CA of the bundle")
                .isNull();
        List<ConsumerRecord<String, IdentityEvent>> arrived = awaitIps(p, Set.of(p + 1));
        assertThat(arrived).extracting(r -> r.value().user()).containsExactly("trent");
    }

    @Test
    void clientsWithoutACertificateOrWithOneFromAnotherCaAreRefusedAndCounted() throws Exception {
        long noCertificate = counters.handshakesFailed(HandshakeFailure.NO_CLIENT_CERTIFICATE);
        long untrusted = counters.handshakesFailed(HandshakeFailure.UNTRUSTED_CLIENT_CERTIFICATE);
        String p = freshPrefix();

        IOException anonymous = SyslogSenders.tlsRefusal(
                SyslogSenders.tlsSocket(server.tlsPort(), server.tlsCertificatePem(), null),
                SyslogSenders.octetCounted(List.of(SyslogSamples.keyValue(p + 1, "eve", "login"))));
        assertThat(anonymous).as("TLS without a client certificate").isNotNull();
        IOException foreign = SyslogSenders.tlsRefusal(
                SyslogSenders.tlsSocket(server.tlsPort(), server.tlsCertificatePem(), Pki.client("stranger")),
                SyslogSenders.octetCounted(List.of(SyslogSamples.keyValue(p + 2, "eve", "login"))));
        assertThat(foreign)
                .as("TLS with a certificate of a CA outside the bundle")
                .isNotNull();

        // The JDK client withholds a certificate whose issuer is not among the CAs the server names, so the server
        // sees no certificate from either; a client that sends it anyway is refused for the certificate itself.
        IOException insisting = SyslogSenders.tlsRefusal(
                SyslogSenders.tlsSocketSendingCertificateAnyway(
                        server.tlsPort(), server.tlsCertificatePem(), Pki.client("stranger")),
                SyslogSenders.octetCounted(List.of(SyslogSamples.keyValue(p + 4, "eve", "login"))));
        assertThat(insisting)
                .as("TLS sending a certificate of a CA outside the bundle although the server named others")
                .isNotNull();
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(counters.handshakesFailed(HandshakeFailure.NO_CLIENT_CERTIFICATE))
                        .isEqualTo(noCertificate + 2));
        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(counters.handshakesFailed(HandshakeFailure.UNTRUSTED_CLIENT_CERTIFICATE))
                                .isEqualTo(untrusted + 1));
        // A good sender right after: its logon arrives, the refused ones never do.
        assertThat(SyslogSenders.tlsRefusal(
                        SyslogSenders.tlsSocket(server.tlsPort(), server.tlsCertificatePem(), Pki.client("client")),
                        SyslogSenders.octetCounted(List.of(SyslogSamples.keyValue(p + 3, "trent", "login")))))
                .isNull();
        List<ConsumerRecord<String, IdentityEvent>> arrived = awaitIps(p, Set.of(p + 3));
        assertThat(arrived).extracting(ConsumerRecord::key).containsExactly(p + 3);
        given().when()
                .get(management.resolve("/q/metrics"))
                .then()
                .statusCode(200)
                .body(containsString("openjims_syslog_tls_handshakes_failed_total{reason=\"no_client_certificate\"}"))
                .body(containsString(
                        "openjims_syslog_tls_handshakes_failed_total{reason=\"untrusted_client_certificate\"}"));
    }

    @Test
    void connectionsBeyondTheLimitPerSourceAreClosedAndCounted() throws Exception {
        long refused = counters.connectionsRefused(Refusal.PER_SOURCE);
        String p = freshPrefix();
        List<Socket> open = new ArrayList<>();
        try {
            for (int i = 0; i < PER_SOURCE; i++) {
                open.add(SyslogSenders.tcpFrom(BUSY, server.port()));
            }
            await().atMost(WAIT).until(() -> server.connectionsFrom(BUSY) == PER_SOURCE);

            try (Socket extra = SyslogSenders.tcpFrom(BUSY, server.port())) {
                extra.setSoTimeout(10_000);
                assertThat(extra.getInputStream().read())
                        .as("the connection over the limit is closed at once")
                        .isEqualTo(-1);
            }
            await().atMost(WAIT).until(() -> counters.connectionsRefused(Refusal.PER_SOURCE) == refused + 1);
            // Another address is not held back by this one's limit.
            SyslogSenders.tcp(
                    server.port(),
                    SyslogSenders.newlineFramed(List.of(SyslogSamples.keyValue(p + 1, "walter", "login"))));
            // The open connections keep working.
            send(open.get(0), SyslogSamples.keyValue(p + 2, "walter", "login"));
            awaitIps(p, Set.of(p + 1, p + 2));

            // Once one closes, a new connection from the address is taken again.
            open.remove(0).close();
            await().atMost(WAIT).until(() -> server.connectionsFrom(BUSY) == PER_SOURCE - 1);
            Socket again = SyslogSenders.tcpFrom(BUSY, server.port());
            open.add(again);
            send(again, SyslogSamples.keyValue(p + 3, "walter", "login"));
            awaitIps(p, Set.of(p + 1, p + 2, p + 3));
            assertThat(counters.connectionsRefused(Refusal.PER_SOURCE)).isEqualTo(refused + 1);
        } finally {
            for (Socket socket : open) {
                socket.close();
            }
        }
        await().atMost(WAIT).until(() -> server.connectionsFrom(BUSY) == 0);
        given().when()
                .get(management.resolve("/q/metrics"))
                .then()
                .statusCode(200)
                .body(containsString("openjims_syslog_connections_refused_total{reason=\"per_source\"}"));
    }

    @Test
    void eventsOutsideANamedSendersScopeAreRejectedAndCountedAndTheGoodOnesAfterThemArrive() throws Exception {
        long outOfScope = counters.outOfScope();
        String p = freshPrefix("10.77");
        String outside = freshPrefix("10.78");
        SyslogSenders.udpFrom(
                SCOPED,
                server.port(),
                List.of(
                        line("sam", "example.com", p + 1),
                        line("sam", "other.example", p + 2),
                        line("sam", "example.com", outside + 3),
                        line("sam", "EXAMPLE.COM", p + 4)));
        SyslogSenders.tcpFrom(
                SCOPED,
                server.port(),
                SyslogSenders.newlineFramed(List.of(
                        line("tess", "other.example", p + 5),
                        line("tess", "example.com", outside + 6),
                        line("tess", "example.com", p + 7))));
        // A plain allow-list entry is not limited by the named sender's scope.
        SyslogSenders.udp(server.port(), List.of(line("uma", "other.example", outside + 8)));

        List<ConsumerRecord<String, IdentityEvent>> inside = awaitIps(p, Set.of(p + 1, p + 4, p + 7));
        assertThat(inside).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(p + 1, p + 4, p + 7);
        List<ConsumerRecord<String, IdentityEvent>> unrestricted = awaitIps(outside, Set.of(outside + 8));
        assertThat(unrestricted).extracting(ConsumerRecord::key).containsExactly(outside + 8);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(counters.outOfScope()).isEqualTo(outOfScope + 4));
        given().when()
                .get(management.resolve("/q/metrics"))
                .then()
                .statusCode(200)
                .body(containsString(
                        "openjims_syslog_out_of_scope_total{reason=\"domain\",sender=\"" + SCOPED_NAME + "\"} 2.0"))
                .body(containsString(
                        "openjims_syslog_out_of_scope_total{reason=\"address\",sender=\"" + SCOPED_NAME + "\"} 2.0"));
    }

    @Test
    void aSenderOnNoListIsDeniedOverUdpAndTcp() throws Exception {
        long denied = counters.snapshot().get("syslog.denied");
        long refused = counters.connectionsRefused(Refusal.DENIED);
        String p = freshPrefix();
        SyslogSenders.udpFrom(STRANGER, server.port(), List.of(SyslogSamples.keyValue(p + 1, "mallory", "login")));
        try (Socket socket = SyslogSenders.tcpFrom(STRANGER, server.port())) {
            socket.setSoTimeout(10_000);
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(counters.snapshot().get("syslog.denied")).isEqualTo(denied + 2);
            assertThat(counters.connectionsRefused(Refusal.DENIED)).isEqualTo(refused + 1);
        });
        SyslogSenders.udp(server.port(), List.of(SyslogSamples.keyValue(p + 2, "walter", "login")));
        List<ConsumerRecord<String, IdentityEvent>> arrived = awaitIps(p, Set.of(p + 2));
        assertThat(arrived).extracting(ConsumerRecord::key).containsExactly(p + 2);
    }

    private static void send(Socket socket, String line) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}

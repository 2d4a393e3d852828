package io.openjims.collector.syslog.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.openjims.collector.syslog.samples.SyslogSamples;
import io.openjims.collector.syslog.service.SyslogCounters;
import io.openjims.collector.syslog.service.SyslogCounters.Outcome;
import io.openjims.devinfra.DedicatedKafkaTestResource;
import io.openjims.devinfra.EmbeddedKafka;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.model.IdentityEvent;
import io.openjims.model.Topics;
import io.openjims.model.kafka.IdentityEventDeserializer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** With the broker down, a TCP sender is held back (reading pauses); after it returns every line is on the topic. */
@QuarkusTest
@TestProfile(SyslogKafkaOutageTest.OutageProfile.class)
class SyslogKafkaOutageTest {

    // Far more than one socket read loop can take in before a pause holds (Netty reads up to 16 x 64 KiB at once).
    private static final int LINES = 30_000;
    private static final int PER_CONNECTION = 100;

    /** A broker of its own (this test stops it) and a small in-flight limit so pausing shows early. */
    public static class OutageProfile implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("openjims.collector.syslog.max-in-flight-per-connection", String.valueOf(PER_CONNECTION));
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(
                    new TestResourceEntry(DedicatedKafkaTestResource.class),
                    new TestResourceEntry(PostgresTestResource.class));
        }
    }

    @Inject
    SyslogServer server;

    @Inject
    SyslogCounters counters;

    @Test
    void tcpSenderIsHeldBackWhileKafkaIsDownAndNothingIsLost() throws Exception {
        EmbeddedKafka broker = DedicatedKafkaTestResource.broker();
        String prefix = "10.250." + (int) (Math.random() * 200) + ".";
        // Warm up: the producer knows the topic before the outage.
        send(List.of(SyslogSamples.keyValue(prefix + "1", "warmup", "login")));
        Set<String> expected = new HashSet<>();
        expected.add("warmup");
        awaitUsers(broker, prefix, expected);

        long receivedBefore = counters.total(Outcome.RECEIVED);
        broker.stop();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            String user = "u" + i + "-" + UUID.randomUUID().toString().substring(0, 4);
            expected.add(user);
            lines.add(SyslogSamples.keyValue(prefix + (2 + i % 250), user, "login"));
        }
        CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
            try {
                send(lines);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(30))
                .until(() -> counters.total(Outcome.RECEIVED) - receivedBefore >= PER_CONNECTION);
        // Reading paused: while the broker is down the collector takes in no more lines than its window (bytes
        // already read stay undecoded until acknowledgements make room).
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> counters.total(Outcome.RECEIVED) - receivedBefore <= PER_CONNECTION);

        broker.restart();
        sender.get();
        awaitUsers(broker, prefix, expected);
        assertThat(counters.total(Outcome.RECEIVED) - receivedBefore).isEqualTo(LINES);
    }

    /**
     * A RELP message is acknowledged only once Kafka stored its event: with the broker down the sender hears nothing
     * (so rsyslog keeps the message); when it returns the answer comes and the event is on the topic.
     */
    @Test
    void relpAnswersOnlyAfterKafkaStoredTheEvent() throws Exception {
        EmbeddedKafka broker = DedicatedKafkaTestResource.broker();
        String prefix = "10.251." + (int) (Math.random() * 200) + ".";
        send(List.of(SyslogSamples.keyValue(prefix + "1", "warmup", "login")));
        awaitUsers(broker, prefix, Set.of("warmup"));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.relpPort())) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            String open = "relp_version=0\ncommands=syslog";
            out.write(("1 open " + open.length() + " " + open + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout(30_000);
            assertThat(readAnswer(in)).startsWith("1 rsp ").endsWith(" 200 OK");
            // The offers follow on lines of their own, the last one naming the commands.
            String offer;
            do {
                offer = readAnswer(in);
            } while (!offer.startsWith("commands="));

            broker.stop();
            String message = SyslogSamples.keyValue(prefix + "2", "relp-user", "login");
            out.write(("2 syslog " + message.length() + " " + message + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout(3_000);
            assertThatThrownBy(() -> readAnswer(in))
                    .as("no answer while Kafka is down")
                    .isInstanceOf(SocketTimeoutException.class);

            broker.restart();
            socket.setSoTimeout(120_000);
            assertThat(readAnswer(in)).isEqualTo("2 rsp 6 200 OK");
            awaitUsers(broker, prefix, Set.of("warmup", "relp-user"));
        }
    }

    /** One RELP answer line (answers to syslog frames carry no line feed inside). */
    private static String readAnswer(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("closed after " + line);
            }
            line.append((char) b);
        }
        return line.toString();
    }

    private void send(List<String> lines) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            OutputStream out = socket.getOutputStream();
            for (String line : lines) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
        }
    }

    /** Waits until every expected user under the prefix was consumed from the topic. */
    private static void awaitUsers(EmbeddedKafka broker, String prefix, Set<String> expected) {
        Set<String> seen = new HashSet<>();
        try (KafkaConsumer<String, IdentityEvent> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "syslog-outage-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new IdentityEventDeserializer())) {
            consumer.subscribe(List.of(Topics.EVENTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!seen.containsAll(expected) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, IdentityEvent> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().startsWith(prefix)) {
                        seen.add(record.value().user());
                    }
                }
            }
        }
        assertThat(seen).containsAll(expected);
    }
}

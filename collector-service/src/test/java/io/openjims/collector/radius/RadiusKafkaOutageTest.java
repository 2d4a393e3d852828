package io.openjims.collector.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.openjims.collector.ingest.IngestTestSupport;
import io.openjims.collector.radius.listener.RadiusServer;
import io.openjims.collector.radius.service.RadiusCounters;
import io.openjims.devinfra.DedicatedKafkaTestResource;
import io.openjims.devinfra.EmbeddedKafka;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.devinfra.Radclient;
import io.openjims.model.IdentityEvent;
import io.openjims.model.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The Accounting-Response waits for Kafka: with the broker down radclient gets no answer and its retransmissions
 * publish nothing twice; once the broker is back the request is answered and its event is on the topic once.
 */
@QuarkusTest
@TestProfile(RadiusKafkaOutageTest.OutageProfile.class)
class RadiusKafkaOutageTest {

    /** A broker of its own: this test stops it. */
    public static class OutageProfile implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(
                    new TestResourceEntry(DedicatedKafkaTestResource.class),
                    new TestResourceEntry(PostgresTestResource.class));
        }
    }

    @Inject
    RadiusServer server;

    @Inject
    RadiusCounters counters;

    @Test
    void noAnswerWhileKafkaIsDownThenOneAnswerAndOneEventWhenItIsBack() throws Exception {
        Radclient.path();
        RadiusTestClients.ensure();
        EmbeddedKafka broker = DedicatedKafkaTestResource.broker();
        String target = "127.0.0.1:" + server.port();
        String warmupIp = IngestTestSupport.randomIp();
        // Warm up: the producer knows the topic before the outage.
        assertThat(Radclient.acct(target, RadiusTestClients.SECRET_A, start("warmup", warmupIp))
                        .answered())
                .isTrue();

        String ip = IngestTestSupport.randomIp();
        String user = IngestTestSupport.uniqueUser("judy");
        long pendingBefore = counters.count("openjims.radius.requests.duplicate", "pending");
        long answeredBefore = counters.answeredCount();
        broker.stop();
        CompletableFuture<Radclient.Result> sent;
        try {
            sent = CompletableFuture.supplyAsync(() -> {
                try {
                    // Up to 30 tries, 2 s apart: the same request each time (same identifier and authenticator).
                    return Radclient.acct(target, RadiusTestClients.SECRET_A, start(user, ip), 30, 2);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> counters.count("openjims.radius.requests.duplicate", "pending") >= pendingBefore + 2);
            assertThat(sent).isNotDone();
            assertThat(counters.answeredCount()).isEqualTo(answeredBefore);
        } finally {
            broker.restart();
        }
        Radclient.Result result = sent.get(90, TimeUnit.SECONDS);
        assertThat(result.answered()).as(result.output()).isTrue();
        assertThat(counters.answeredCount()).isEqualTo(answeredBefore + 1);

        String marker = IngestTestSupport.uniqueUser("marker");
        assertThat(Radclient.acct(target, RadiusTestClients.SECRET_A, start(marker, ip))
                        .answered())
                .isTrue();
        List<String> users = IngestTestSupport.readEvents(
                        broker.bootstrapServers(), Topics.EVENTS, e -> e.ip().equals(ip), 2, Duration.ofSeconds(60))
                .stream()
                .map(ConsumerRecord::value)
                .map(IdentityEvent::user)
                .toList();
        assertThat(users).containsExactly(user, marker);
    }

    private static List<String> start(String user, String ip) {
        return List.of(
                "User-Name = \"" + user + "\"",
                "Acct-Status-Type = Start",
                "Acct-Session-Id = \"" + UUID.randomUUID() + "\"",
                "Framed-IP-Address = " + ip);
    }
}

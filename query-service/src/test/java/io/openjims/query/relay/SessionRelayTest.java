package io.openjims.query.relay;

import static io.openjims.query.view.ViewTestSupport.event;
import static io.openjims.query.view.ViewTestSupport.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.devinfra.SharedInfra;
import io.openjims.model.IdentityEvent;
import io.openjims.model.Operation;
import io.openjims.model.SessionState;
import io.openjims.model.Topics;
import io.openjims.model.kafka.SessionStateDeserializer;
import io.openjims.query.relay.service.SessionRelay;
import io.openjims.query.view.ViewDb;
import io.openjims.query.view.ViewTestSupport;
import io.openjims.query.view.service.RetentionService;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** The outbox relay keeps identity.sessions equal to the view, across restarts and crashes after publishing. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
public class SessionRelayTest {

    @Inject
    AgroalDataSource ds;

    @Inject
    SessionRelay relay;

    @Inject
    RetentionService retention;

    /** Pruning never removes a change the relay has not published yet, whatever the replica's settings. */
    @Test
    void pruningKeepsWhatTheRelayHasNotPublished() throws Exception {
        relay.stop();
        try {
            try (var p = ViewTestSupport.eventProducer()) {
                ViewTestSupport.send(p, ViewTestSupport.logon("10.99.250.1", "example.com", "unsent", now()));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> ViewDb.active(ds, "10.99.250.1") != null);
            retention.prune(Duration.ZERO);
            assertThat(ViewDb.count(ds, "SELECT count(*) FROM query.change_log WHERE ip = '10.99.250.1'"))
                    .isEqualTo(1);
        } finally {
            relay.start();
        }
        long seq = ViewDb.count(ds, "SELECT max(seq) FROM query.change_log WHERE ip = '10.99.250.1'");
        await().atMost(Duration.ofSeconds(20)).until(() -> relay.lastPublished() >= seq);
        retention.prune(Duration.ZERO);
        assertThat(ViewDb.count(ds, "SELECT count(*) FROM query.change_log WHERE ip = '10.99.250.1'"))
                .isZero();
    }

    @Test
    void identitySessionsEndsEqualToTheActiveSessionsAfterRestartsAndCrashes() throws Exception {
        Instant t0 = now().minusSeconds(300);
        List<IdentityEvent> stream = new ArrayList<>();
        for (int k = 0; k < 15; k++) {
            for (int i = 0; i < 60; i++) {
                String ip = "10.14.0." + i;
                // Logon, logoff, ... ending with a logon, except every third address whose last logon never comes.
                Operation op = k % 2 == 0 && !(k == 14 && i % 3 == 0) ? Operation.LOGON : Operation.LOGOFF;
                stream.add(event(op, ip, "relay.example", "r" + i + "-" + (k / 2), t0.plusMillis(k * 10L), null, null));
            }
        }
        CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> {
            try (var p = ViewTestSupport.eventProducer()) {
                for (int from = 0; from < stream.size(); from += 30) {
                    ViewTestSupport.sendAll(p, stream.subList(from, Math.min(stream.size(), from + 30)));
                }
            }
        });
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ViewDb.count(ds, "SELECT count(*) FROM query.change_log WHERE ip LIKE '10.14.%'") > 100);
        // A crash right after publishing: the batch went out but was not recorded, so it goes out again.
        relay.relayOnce(false);
        relay.stop(); // the relay dies mid-stream ...
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ViewDb.count(ds, "SELECT count(*) FROM query.change_log WHERE ip LIKE '10.14.%'") > 300);
        relay.start(); // ... and comes back
        relay.relayOnce(false);
        relay.stop();
        relay.start();
        producing.get();

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    Map<String, SessionState> topic = readSessionsTopic();
                    Map<String, String> fromTopic = new HashMap<>();
                    topic.forEach((ip, s) -> fromTopic.put(ip, s.domain() + "/" + s.user() + " " + s.roles()));
                    Map<String, String> fromView = new HashMap<>();
                    for (var row :
                            ViewDb.query(ds, "SELECT ip, domain, user_name, roles FROM query.session WHERE active")) {
                        fromView.put(
                                (String) row.get("ip"),
                                row.get("domain") + "/" + row.get("user_name") + " " + row.get("roles"));
                    }
                    assertThat(fromTopic).isEqualTo(fromView);
                    assertThat(fromTopic.keySet().stream().filter(ip -> ip.startsWith("10.14.0.")))
                            .hasSize(40);
                });
        assertThat(relay.lastPublished())
                .isEqualTo(ViewDb.count(ds, "SELECT last_seq FROM query.change_counter WHERE id = 1"));
    }

    /** The compacted topic read from the beginning: the last value per key, tombstones removing the key. */
    public static Map<String, SessionState> readSessionsTopic() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfra.kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false);
        Map<String, SessionState> state = new HashMap<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new SessionStateDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SESSIONS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, SessionState> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() == null) {
                        state.remove(r.key());
                    } else {
                        state.put(r.key(), r.value());
                    }
                }
            }
        }
        return state;
    }
}

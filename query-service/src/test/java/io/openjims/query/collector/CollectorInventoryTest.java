package io.openjims.query.collector;

import static io.openjims.query.view.ViewTestSupport.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.devinfra.SharedInfra;
import io.openjims.model.CollectorState;
import io.openjims.model.CollectorStatus;
import io.openjims.model.Topics;
import io.openjims.model.kafka.CollectorStatusSerializer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** GET /api/admin/collectors: heartbeats read from the real collectors topic, stale after three missed intervals. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class CollectorInventoryTest {

    private static final String PATH = "/api/admin/collectors";

    @Test
    void listsEveryCollectorWithItsStateAndStaleAfterThreeMissedHeartbeats() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String fresh = "fresh-" + run;
        String silent = "silent-" + run;
        String stopped = "stopped-" + run;
        String legacy = "legacy-" + run;
        String gone = "gone-" + run;
        String longStopped = "long-stopped-" + run;
        try (KafkaProducer<String, CollectorStatus> producer = producer()) {
            send(producer, status(fresh, CollectorState.RUNNING, now, 30L));
            // Interval 10 s, silent for 31 s: three heartbeats missed.
            send(producer, status(silent, CollectorState.DEGRADED, now.minusSeconds(31), 10L));
            send(producer, status(stopped, CollectorState.STOPPED, now.minusSeconds(3600), 30L));
            // No interval in the heartbeat (an older collector): the configured 30 s applies, 100 s > 3 x 30 s.
            send(producer, status(legacy, CollectorState.RUNNING, now.minusSeconds(100), null));
            send(producer, status(gone, CollectorState.RUNNING, now, 30L));
            // An older heartbeat replayed after a newer one does not replace it.
            send(producer, status(fresh, CollectorState.DEGRADED, now.minusSeconds(5), 30L));
            send(producer, status(longStopped, CollectorState.STOPPED, now.minus(Duration.ofDays(8)), 30L));
            producer.send(new ProducerRecord<>(Topics.COLLECTORS, gone, null)).get();
        }

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(find(legacy)).isPresent());
        Map<String, Object> f = find(fresh).orElseThrow();
        assertThat(f)
                .containsEntry("state", "running")
                .containsEntry("version", "1.2.3")
                .containsEntry("description", "collector " + fresh)
                .containsEntry("last_update", now.toString())
                .containsEntry("heartbeat_interval_seconds", 30)
                .containsEntry("stale", false)
                .containsEntry("domains", List.of("example.com"));
        assertThat(find(silent).orElseThrow())
                .containsEntry("state", "degraded")
                .containsEntry("stale", true);
        assertThat(find(stopped).orElseThrow())
                .containsEntry("state", "stopped")
                .containsEntry("stale", false);
        assertThat(find(legacy).orElseThrow())
                .containsEntry("heartbeat_interval_seconds", 30)
                .containsEntry("stale", true);
        assertThat(find(gone)).as("a tombstone removes the collector").isEmpty();
        assertThat(find(longStopped))
                .as("stopped for longer than forget-stopped-after")
                .isEmpty();

        given().auth().oauth2(token("srx-inv", "srx")).get(PATH).then().statusCode(403);
        given().get(PATH).then().statusCode(401);
    }

    @Test
    void aCollectorBecomesStaleOnceThreeIntervalsPassWithoutAHeartbeat() throws Exception {
        String id = "short-" + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaProducer<String, CollectorStatus> producer = producer()) {
            send(producer, status(id, CollectorState.RUNNING, Instant.now(), 1L));
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(find(id)).isPresent());
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(find(id).orElseThrow()).containsEntry("stale", true));
        try (KafkaProducer<String, CollectorStatus> producer = producer()) {
            send(producer, status(id, CollectorState.STOPPED, Instant.now(), 1L));
        }
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(find(id).orElseThrow())
                        .containsEntry("state", "stopped")
                        .containsEntry("stale", false));
    }

    private static Optional<Map<String, Object>> find(String id) {
        List<Map<String, Object>> all = given().auth()
                .oauth2(token("admin-inv", "admin"))
                .get(PATH)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        return all.stream().filter(c -> id.equals(c.get("id"))).findFirst();
    }

    private static CollectorStatus status(String id, CollectorState state, Instant at, Long interval) {
        return new CollectorStatus(
                UUID.randomUUID().toString(),
                CollectorStatus.SCHEMA_VERSION,
                id,
                "1.2.3",
                state,
                "collector " + id,
                at,
                Map.of("syslog.received", 1L),
                List.of("example.com"),
                interval);
    }

    private static void send(KafkaProducer<String, CollectorStatus> producer, CollectorStatus status) throws Exception {
        producer.send(new ProducerRecord<>(Topics.COLLECTORS, status.key(), status))
                .get();
    }

    private static KafkaProducer<String, CollectorStatus> producer() {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.kafkaBootstrapServers()),
                new StringSerializer(),
                new CollectorStatusSerializer());
    }
}

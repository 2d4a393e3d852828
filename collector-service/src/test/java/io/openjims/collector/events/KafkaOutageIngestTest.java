package io.openjims.collector.events;

import static io.openjims.collector.ingest.IngestTestSupport.adminToken;
import static io.openjims.collector.ingest.IngestTestSupport.randomIp;
import static io.openjims.collector.ingest.IngestTestSupport.readEvents;
import static io.openjims.collector.ingest.IngestTestSupport.token;
import static io.openjims.collector.ingest.IngestTestSupport.uniqueUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.openjims.collector.events.service.EventPublisher;
import io.openjims.devinfra.DedicatedKafkaTestResource;
import io.openjims.devinfra.EmbeddedKafka;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.model.IdentityEvent;
import io.openjims.model.Operation;
import io.openjims.model.Topics;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * With the broker stopped, HTTP ingest answers 503, readiness is DOWN and the collector is degraded; after the
 * broker returns every event that was acknowledged (202) before or after is on the topic exactly as sent.
 */
@QuarkusTest
@TestProfile(KafkaOutageIngestTest.OutageProfile.class)
@WithTestResource(value = DedicatedKafkaTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class KafkaOutageIngestTest {

    /** The management interface (health, metrics, OpenAPI): a port of its own. */
    @TestHTTPResource(value = "/", management = true)
    URI management;

    /** Short waits so the outage is seen quickly; its own broker, so the shared one is never stopped. */
    public static class OutageProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "openjims.collector.ingest.ack-timeout", "10s",
                    "openjims.collector.kafka.check-interval", "1s",
                    "openjims.collector.kafka.check-timeout", "1s");
        }
    }

    private record Sent(String user, String ip, Operation operation, Instant timestamp) {}

    private final AtomicInteger sequence = new AtomicInteger();

    @Inject
    EventPublisher publisher;

    private List<Sent> batch(int size) {
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Operation operation = i % 3 == 2 ? Operation.LOGOFF : Operation.LOGON;
            sent.add(new Sent(
                    uniqueUser("outage"),
                    randomIp(),
                    operation,
                    Instant.parse("2026-11-22T10:00:00Z").plusSeconds(sequence.incrementAndGet())));
        }
        return sent;
    }

    private static Response post(List<Sent> batch) {
        String body = batch.stream()
                .map(sent ->
                        "{\"operation\":\"%s\",\"ip\":\"%s\",\"user\":\"%s\",\"domain\":\"example.com\",\"timestamp\":\"%s\"}"
                                .formatted(sent.operation().wireName(), sent.ip(), sent.user(), sent.timestamp()))
                .collect(Collectors.joining(",", "[", "]"));
        return given().auth()
                .oauth2(token("outage-pusher", "ingest"))
                .contentType("application/json")
                .body(body)
                .post("/api/v1/identity-events");
    }

    @Test
    void ingestAnswers503WhileKafkaIsDownAndLosesNothingAcknowledged() {
        EmbeddedKafka broker = DedicatedKafkaTestResource.broker();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get(management.resolve("/q/health/ready"))
                        .then()
                        .statusCode(200));
        List<Sent> acknowledged = new ArrayList<>();

        // The first batch may meet a producer still fetching metadata on a loaded machine: retry until acknowledged.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    List<Sent> before = batch(20);
                    if (post(before).statusCode() == 202) {
                        acknowledged.addAll(before);
                        return true;
                    }
                    return false;
                });

        broker.stop();
        try {
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> post(batch(5))
                            .then()
                            .statusCode(503)
                            .header("Retry-After", equalTo("5"))
                            .body("error", equalTo("unavailable")));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> given().get(management.resolve("/q/health/ready"))
                            .then()
                            .statusCode(503));
            given().auth()
                    .oauth2(adminToken())
                    .get("/api/admin/collector")
                    .then()
                    .statusCode(200)
                    .body("state", equalTo("degraded"));
        } finally {
            broker.restart();
        }

        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    List<Sent> after = batch(10);
                    if (post(after).statusCode() == 202) {
                        acknowledged.addAll(after);
                        return true;
                    }
                    return false;
                });
        List<Sent> more = batch(30);
        post(more).then().statusCode(202).body("accepted", equalTo(30));
        acknowledged.addAll(more);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(adminToken())
                        .get("/api/admin/collector")
                        .then()
                        .body("state", equalTo("running")));

        Map<String, Sent> byUser = acknowledged.stream().collect(Collectors.toMap(Sent::user, sent -> sent));
        Set<String> users = byUser.keySet();
        List<ConsumerRecord<String, IdentityEvent>> records = readEvents(
                broker.bootstrapServers(),
                Topics.EVENTS,
                event -> users.contains(event.user()),
                users.size(),
                Duration.ofSeconds(60));
        Set<String> found =
                records.stream().map(record -> record.value().user()).collect(Collectors.toSet());
        assertThat(found).containsExactlyInAnyOrderElementsOf(users);
        for (ConsumerRecord<String, IdentityEvent> record : records) {
            IdentityEvent event = record.value();
            Sent sent = byUser.get(event.user());
            assertThat(record.key()).isEqualTo(sent.ip());
            assertThat(event.ip()).isEqualTo(sent.ip());
            assertThat(event.operation()).isEqualTo(sent.operation());
            assertThat(event.domain()).isEqualTo("example.com");
            assertThat(event.occurredAt()).isEqualTo(sent.timestamp());
            assertThat(event.source().producerKind()).isEqualTo("json");
        }
        // Every event handed to the producer was settled (acknowledged or refused): nothing hangs in between.
        await().atMost(Duration.ofSeconds(60)).until(() -> publisher.inFlight() == 0);
    }
}

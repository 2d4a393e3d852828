package io.openjims.collector.status;

import static io.openjims.collector.ingest.IngestTestSupport.adminToken;
import static io.openjims.collector.ingest.IngestTestSupport.randomIp;
import static io.openjims.collector.ingest.IngestTestSupport.readStatuses;
import static io.openjims.collector.ingest.IngestTestSupport.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.openjims.collector.status.service.CollectorHeartbeat;
import io.openjims.collector.status.service.CollectorIdentity;
import io.openjims.collector.status.service.SourceHealth;
import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.devinfra.SharedInfra;
import io.openjims.model.CollectorState;
import io.openjims.model.CollectorStatus;
import io.openjims.model.Topics;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** GET/PUT /api/admin/collector and the heartbeat that follows state changes, on real Kafka and PostgreSQL. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class CollectorAdminTest {

    private static final String PATH = "/api/admin/collector";

    @Inject
    SourceHealth health;

    @Inject
    CollectorIdentity identity;

    @Inject
    CollectorHeartbeat heartbeat;

    @Test
    void showsIdentityStateAndIngestCounters() {
        given().auth()
                .oauth2(token("pusher", "ingest"))
                .contentType("application/json")
                .body("[{\"operation\":\"logon\",\"ip\":\"" + randomIp()
                        + "\",\"user\":\"counted\",\"domain\":\"example.com\"},{\"operation\":\"logon\"}]")
                .post("/api/v1/identity-events")
                .then()
                .statusCode(202);

        JsonPath collector = given().auth()
                .oauth2(adminToken())
                .get(PATH)
                .then()
                .statusCode(200)
                .body("id", equalTo(identity.id()))
                .body("version", notNullValue())
                .body("last_update", notNullValue())
                .extract()
                .jsonPath();
        assertThat(collector.getString("state")).isIn("running", "degraded");
        assertThat(collector.getString("version")).isEqualTo(identity.version()).isNotBlank();
        Map<String, Integer> counters = collector.getMap("counters");
        assertThat(counters.get("ingest.json.received")).isGreaterThanOrEqualTo(2);
        assertThat(counters.get("ingest.json.accepted")).isGreaterThanOrEqualTo(1);
        assertThat(counters.get("ingest.json.rejected")).isGreaterThanOrEqualTo(1);
        assertThat(counters)
                .containsKeys("ingest.srx-webapi.received", "ingest.pan-userid.received", "syslog.received");
        assertThat(collector.getMap("failures")).isNotNull();

        given().auth().oauth2(token("pusher", "ingest")).get(PATH).then().statusCode(403);
        given().get(PATH).then().statusCode(401);
    }

    @Test
    void anAdminSetDescriptionIsStoredAndPublished() {
        String description = "Berlin DC collector " + UUID.randomUUID();
        Instant before = Instant.now();
        given().auth()
                .oauth2(adminToken())
                .contentType("application/json")
                .body(Map.of("description", description))
                .put(PATH)
                .then()
                .statusCode(200)
                .body("description", equalTo(description));
        given().auth().oauth2(adminToken()).get(PATH).then().statusCode(200).body("description", equalTo(description));

        List<CollectorStatus> published = readStatuses(
                SharedInfra.kafkaBootstrapServers(),
                Topics.COLLECTORS,
                status -> description.equals(status.description()),
                1,
                Duration.ofSeconds(30));
        assertThat(published).hasSize(1);
        assertThat(published.get(0).collectorId()).isEqualTo(identity.id());
        assertThat(published.get(0).lastUpdate()).isAfterOrEqualTo(before.minusSeconds(1));
        assertThat(published.get(0).counters()).containsKey("ingest.json.received");

        given().auth()
                .oauth2(adminToken())
                .contentType("application/json")
                .body("{\"description\": 5}")
                .put(PATH)
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void everyStateChangeIsPublishedAtOnce() {
        Instant before = Instant.now();
        String source = "test:" + UUID.randomUUID();
        health.failing(source, "simulated failure");
        Instant recoveredAt;
        try {
            List<CollectorStatus> degraded = readStatuses(
                    SharedInfra.kafkaBootstrapServers(),
                    Topics.COLLECTORS,
                    status -> status.state() == CollectorState.DEGRADED
                            && status.lastUpdate().isAfter(before),
                    1,
                    Duration.ofSeconds(20));
            assertThat(degraded).hasSize(1);
            given().auth()
                    .oauth2(adminToken())
                    .get(PATH)
                    .then()
                    .statusCode(200)
                    .body("state", equalTo("degraded"))
                    .body("failures.'" + source + "'", equalTo("simulated failure"));
        } finally {
            recoveredAt = Instant.now();
            health.recovered(source);
        }
        if (health.state() == CollectorState.RUNNING) {
            List<CollectorStatus> running = readStatuses(
                    SharedInfra.kafkaBootstrapServers(),
                    Topics.COLLECTORS,
                    status -> status.state() == CollectorState.RUNNING
                            && !status.lastUpdate().isBefore(recoveredAt),
                    1,
                    Duration.ofSeconds(20));
            assertThat(running).hasSize(1);
        }
    }

    @Test
    void aCleanStopPublishesStoppedAndEveryHeartbeatStatesItsInterval() {
        Instant before = Instant.now();
        CollectorStatus stopped = heartbeat.publishStopped().await().atMost(Duration.ofSeconds(20));
        try {
            List<CollectorStatus> published = readStatuses(
                    SharedInfra.kafkaBootstrapServers(),
                    Topics.COLLECTORS,
                    status -> status.id().equals(stopped.id()),
                    1,
                    Duration.ofSeconds(20));
            assertThat(published).hasSize(1);
            CollectorStatus last = published.get(0);
            assertThat(last.state()).isEqualTo(CollectorState.STOPPED);
            assertThat(last.collectorId()).isEqualTo(identity.id());
            assertThat(last.heartbeatIntervalSeconds()).isEqualTo(30L);
            assertThat(last.lastUpdate()).isAfterOrEqualTo(before.minusSeconds(1));
        } finally {
            // This test's application keeps running: publish its running state again.
            heartbeat.publishSoon();
        }
    }
}

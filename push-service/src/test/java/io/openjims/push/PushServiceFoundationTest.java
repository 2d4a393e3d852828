package io.openjims.push;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.devinfra.SharedInfra;
import io.openjims.model.CollectorState;
import io.openjims.model.CollectorStatus;
import io.openjims.model.Topics;
import io.openjims.model.kafka.CollectorStatusSerializer;
import io.openjims.push.collector.repository.CollectorEntity;
import io.openjims.push.collector.repository.CollectorRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The service starts on real Kafka and PostgreSQL, migrates its schema and serves health, metrics and OpenAPI. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = true)
class PushServiceFoundationTest {

    /** The management interface (health, metrics, OpenAPI): a port of its own. */
    @TestHTTPResource(value = "/", management = true)
    URI management;

    @Inject
    CollectorRepository collectors;

    @Test
    void healthIsUpWithKafkaAndDatabaseChecks() {
        given().when()
                .get(management.resolve("/q/health/live"))
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"));
        given().when()
                .get(management.resolve("/q/health/ready"))
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("kafka", "Reactive PostgreSQL connections health check"));
    }

    @Test
    void servesMetricsAndOpenApi() {
        given().when()
                .get(management.resolve("/q/metrics"))
                .then()
                .statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
        // Not on the port SRX devices, producers or tenants reach.
        for (String path : new String[] {"/q/metrics", "/q/health/ready", "/q/openapi"}) {
            given().when().get(path).then().statusCode(404);
        }
        given().accept("application/json")
                .when()
                .get(management.resolve("/q/openapi"))
                .then()
                .statusCode(200)
                .body("info.title", equalTo("OpenJIMS push-service"));
    }

    @Test
    void aHeartbeatProducedToKafkaIsConsumedIntoPostgres() throws Exception {
        String collectorId = "dc-" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        CollectorStatus older = status(collectorId, "first", now.minusSeconds(30));
        CollectorStatus newer = status(collectorId, "second", now);
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfra.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all");
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new CollectorStatusSerializer())) {
            producer.send(new ProducerRecord<>(Topics.COLLECTORS, collectorId, newer))
                    .get();
            // A late, older heartbeat must not replace the newer one.
            producer.send(new ProducerRecord<>(Topics.COLLECTORS, collectorId, older))
                    .get();
            producer.send(new ProducerRecord<>(Topics.COLLECTORS, "garbage", null))
                    .get();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            CollectorEntity stored = VertxContextSupport.subscribeAndAwait(
                    () -> Panache.withSession(() -> collectors.findById(collectorId)));
            assertThat(stored).isNotNull();
            assertThat(stored.description).isEqualTo("second");
            assertThat(stored.state).isEqualTo("running");
            assertThat(stored.lastUpdate).isEqualTo(now);
        });
    }

    private static CollectorStatus status(String collectorId, String description, Instant at) {
        return new CollectorStatus(
                UUID.randomUUID().toString(),
                CollectorStatus.SCHEMA_VERSION,
                collectorId,
                "0.1.0",
                CollectorState.RUNNING,
                description,
                at,
                Map.of("events.published", 1L));
    }
}

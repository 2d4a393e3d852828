package io.openjims.collector;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.openjims.collector.status.repository.CollectorSettingRepository;
import io.openjims.collector.status.service.CollectorHeartbeat;
import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.devinfra.SharedInfra;
import io.openjims.model.CollectorState;
import io.openjims.model.CollectorStatus;
import io.openjims.model.Topics;
import io.openjims.model.kafka.CollectorStatusDeserializer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** The service starts on real Kafka and PostgreSQL, migrates its schema and serves health, metrics and OpenAPI. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class CollectorServiceFoundationTest {

    /** The management interface (health, metrics, OpenAPI): a port of its own. */
    @TestHTTPResource(value = "/", management = true)
    URI management;

    @Inject
    CollectorHeartbeat heartbeat;

    @Inject
    CollectorSettingRepository settings;

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
                .body("info.title", equalTo("OpenJIMS collector-service"));
    }

    @Test
    void aSettingWrittenToPostgresIsReadBackAndPublished() throws Throwable {
        String description = "Berlin office " + UUID.randomUUID();
        VertxContextSupport.subscribeAndAwait(
                () -> Panache.withTransaction(() -> settings.put(CollectorSettingRepository.DESCRIPTION, description)));
        Optional<String> stored = VertxContextSupport.subscribeAndAwait(
                () -> Panache.withSession(() -> settings.value(CollectorSettingRepository.DESCRIPTION)));
        assertThat(stored).contains(description);

        CollectorStatus published = VertxContextSupport.subscribeAndAwait(heartbeat::publish);
        assertThat(published.description()).isEqualTo(description);
    }

    @Test
    void theHeartbeatIsReallyProducedToKafkaAndConsumable() throws Throwable {
        CollectorStatus sent = VertxContextSupport.subscribeAndAwait(heartbeat::publish);
        assertThat(sent.state()).isEqualTo(CollectorState.RUNNING);

        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfra.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "foundation-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new CollectorStatusDeserializer())) {
            consumer.subscribe(List.of(Topics.COLLECTORS));
            CollectorStatus received = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, CollectorStatus> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value().id().equals(sent.id())) {
                        assertThat(record.key()).isEqualTo(sent.collectorId());
                        received = record.value();
                    }
                }
            }
            assertThat(received).isEqualTo(sent);
        }
    }
}

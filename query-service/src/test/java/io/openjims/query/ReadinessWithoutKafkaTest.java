package io.openjims.query;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.openjims.devinfra.DedicatedKafkaTestResource;
import io.openjims.devinfra.EmbeddedKafka;
import io.openjims.devinfra.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Readiness follows Kafka: DOWN while the broker is unreachable, UP again when it is back. */
@QuarkusTest
@WithTestResource(value = DedicatedKafkaTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ReadinessWithoutKafkaTest {

    /** The management interface (health, metrics, OpenAPI): a port of its own. */
    @TestHTTPResource(value = "/", management = true)
    URI management;

    @Test
    void readinessIsDownWhileKafkaIsUnreachable() {
        EmbeddedKafka broker = DedicatedKafkaTestResource.broker();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get(management.resolve("/q/health/ready"))
                        .then()
                        .statusCode(200));
        broker.stop();
        try {
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> given().get(management.resolve("/q/health/ready"))
                            .then()
                            .statusCode(503)
                            .body("status", equalTo("DOWN")));
            given().get(management.resolve("/q/health/live")).then().statusCode(200);
        } finally {
            broker.restart();
        }
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().get(management.resolve("/q/health/ready"))
                        .then()
                        .statusCode(200));
    }
}

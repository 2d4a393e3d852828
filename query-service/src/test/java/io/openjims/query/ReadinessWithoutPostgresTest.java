package io.openjims.query;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.openjims.devinfra.DedicatedPostgresTestResource;
import io.openjims.devinfra.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Readiness follows PostgreSQL: DOWN while the database is unreachable, UP again when it is back. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = DedicatedPostgresTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class ReadinessWithoutPostgresTest {

    /** The management interface (health, metrics, OpenAPI): a port of its own. */
    @TestHTTPResource(value = "/", management = true)
    URI management;

    @Test
    void readinessIsDownWhilePostgresIsUnreachable() {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get(management.resolve("/q/health/ready"))
                        .then()
                        .statusCode(200));
        DedicatedPostgresTestResource.stopServer();
        try {
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> given().get(management.resolve("/q/health/ready"))
                            .then()
                            .statusCode(503)
                            .body("status", equalTo("DOWN")));
            given().get(management.resolve("/q/health/live")).then().statusCode(200);
        } finally {
            DedicatedPostgresTestResource.restartServer();
        }
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().get(management.resolve("/q/health/ready"))
                        .then()
                        .statusCode(200));
    }
}

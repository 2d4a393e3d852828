package io.openjims.query;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The service starts on real Kafka and PostgreSQL, migrates its schema and serves health, metrics and OpenAPI, and /ping on the API port. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class QueryServiceFoundationTest {

    /** The management interface (health, metrics, OpenAPI): a port of its own. */
    @TestHTTPResource(value = "/", management = true)
    URI management;

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
                .body("info.title", equalTo("OpenJIMS query-service"));
    }

    @Test
    void pingAnswersOnTheApiPortWithoutCredentials() {
        // service-support's PingRoute: the trivial endpoint benchmarks set beside the queries (docs/benchmarks.md).
        given().when()
                .get("/ping")
                .then()
                .statusCode(200)
                .contentType(containsString("text/plain"))
                .body(equalTo("pong"));
        given().when().get(management.resolve("/ping")).then().statusCode(404);
    }
}

package io.openjims.collector.api;

import static io.openjims.collector.ingest.IngestTestSupport.adminToken;
import static io.openjims.collector.ingest.IngestTestSupport.token;
import static io.openjims.devinfra.ErrorContract.as;
import static io.openjims.devinfra.ErrorContract.assertError;
import static io.openjims.devinfra.ErrorContract.assertSecurity;
import static io.openjims.devinfra.ErrorContract.assertServerError;

import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every error of collector-service's HTTP APIs has the one body and the codes every service uses. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ErrorContractTest {

    @Test
    void badJson() {
        assertError(
                as(adminToken())
                        .contentType("application/json")
                        .body("{\"name\": ")
                        .post("/api/admin/syslog-rules"),
                400,
                "invalid_json");
        assertError(
                as(adminToken())
                        .contentType("application/json")
                        .body("{\"name\": ")
                        .post("/api/admin/directories"),
                400,
                "invalid_json");
    }

    @Test
    void security() {
        assertSecurity("GET", "/api/admin/collector", token("pusher", "ingest"));
        assertSecurity("GET", "/api/admin/syslog-rules", token("pusher", "ingest"));
        assertSecurity("POST", "/api/v1/identity-events", token("reader", "srx"));
    }

    @Test
    void notFound() {
        assertError(as(adminToken()).get("/api/admin/directories/" + UUID.randomUUID()), 404, "not_found");
        assertError(as(adminToken()).get("/api/admin/no-such-resource"), 404, "not_found");
    }

    @Test
    void methodNotAllowedAndUnsupportedMediaType() {
        assertError(as(adminToken()).delete("/api/admin/collector"), 405, "method_not_allowed");
        assertError(
                as(adminToken()).contentType("text/plain").body("x").post("/api/admin/syslog-rules"),
                415,
                "unsupported_media_type");
    }

    @Test
    void unexpectedFailure() {
        assertServerError("/api/test-only/failure");
    }
}

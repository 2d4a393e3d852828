package io.openjims.push.api;

import static io.openjims.devinfra.ErrorContract.as;
import static io.openjims.devinfra.ErrorContract.assertError;
import static io.openjims.devinfra.ErrorContract.assertSecurity;
import static io.openjims.devinfra.ErrorContract.assertServerError;

import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.push.support.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every error of push-service's HTTP API has the one body and the codes every service uses. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ErrorContractTest {

    @Test
    void badJson() {
        assertError(
                as(Tokens.admin())
                        .contentType("application/json")
                        .body("{\"name\": ")
                        .post("/api/admin/tenants"),
                400,
                "invalid_json");
    }

    @Test
    void security() {
        assertSecurity("GET", "/api/admin/tenants", Tokens.withRoles("srx"));
    }

    @Test
    void notFound() {
        assertError(as(Tokens.admin()).get("/api/admin/tenants/" + UUID.randomUUID()), 404, "not_found");
        assertError(as(Tokens.admin()).get("/api/admin/no-such-resource"), 404, "not_found");
    }

    @Test
    void methodNotAllowedAndUnsupportedMediaType() {
        assertError(as(Tokens.admin()).delete("/api/admin/tenants"), 405, "method_not_allowed");
        assertError(
                as(Tokens.admin()).contentType("text/plain").body("x").post("/api/admin/tenants"),
                415,
                "unsupported_media_type");
    }

    @Test
    void unexpectedFailure() {
        assertServerError("/api/test-only/failure");
    }
}

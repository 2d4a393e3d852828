package io.openjims.query.api;

import static io.openjims.devinfra.ErrorContract.as;
import static io.openjims.devinfra.ErrorContract.assertError;
import static io.openjims.devinfra.ErrorContract.assertSecurity;
import static io.openjims.devinfra.ErrorContract.assertServerError;
import static io.restassured.RestAssured.given;

import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every error of query-service's HTTP APIs has the one body and the codes every service uses. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ErrorContractTest {

    private static final String ADMIN_ID = "test-admin";
    private static final String ADMIN_SECRET = "test-admin-secret-0123456789";

    private static String token(String clientId, String secret) {
        return given().header("X-Forwarded-For", "198.51.200.7")
                .contentType(ContentType.URLENC.withCharset("UTF-8"))
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId)
                .formParam("client_secret", secret)
                .post("/api/oauth_token/oauth")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    private static String admin() {
        return token(ADMIN_ID, ADMIN_SECRET);
    }

    private static String srx() {
        Map<String, Object> client = as(admin())
                .contentType(ContentType.JSON)
                .body(Map.of("name", "error-contract-srx", "roles", List.of("srx")))
                .post("/api/admin/clients")
                .then()
                .statusCode(201)
                .extract()
                .as(Map.class);
        return token((String) client.get("client_id"), (String) client.get("client_secret"));
    }

    @Test
    void badJson() {
        assertError(
                as(admin()).contentType("application/json").body("{\"name\": ").post("/api/admin/clients"),
                400,
                "invalid_json");
    }

    @Test
    void security() {
        String srx = srx();
        assertSecurity("GET", "/api/admin/clients", srx);
        assertSecurity("GET", "/api/admin/stats", srx);
    }

    @Test
    void notFound() {
        assertError(as(admin()).get("/api/admin/clients/no-such-client"), 404, "not_found");
        assertError(as(admin()).get("/api/admin/no-such-resource"), 404, "not_found");
    }

    @Test
    void methodNotAllowedAndUnsupportedMediaType() {
        assertError(as(admin()).delete("/api/admin/clients"), 405, "method_not_allowed");
        assertError(
                as(admin()).contentType("text/plain").body("x").post("/api/admin/clients"),
                415,
                "unsupported_media_type");
    }

    @Test
    void unexpectedFailure() {
        assertServerError("/api/test-only/failure");
    }
}

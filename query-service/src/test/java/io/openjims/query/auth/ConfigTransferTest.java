package io.openjims.query.auth;

import static io.openjims.query.auth.AuthTestClient.adminToken;
import static io.openjims.query.auth.AuthTestClient.createClient;
import static io.openjims.query.auth.AuthTestClient.formToken;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * query-service's configuration export and import: API clients travel with their secret hashes (so their secrets
 * still work after an import), the configured admin is never touched, removed clients lose their access, settings
 * come back, and an assigned secret replaces a missing one.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ConfigTransferTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PASSPHRASE = "query export passphrase";

    private static Response post(String path, Object body) {
        return given().auth()
                .oauth2(adminToken())
                .contentType(ContentType.JSON)
                .body(body)
                .post(path);
    }

    private static void setTimeout(int minutes) {
        given().auth()
                .oauth2(adminToken())
                .contentType(ContentType.JSON)
                .body(Map.of("session_timeout_minutes", minutes))
                .put("/api/admin/settings")
                .then()
                .statusCode(200);
    }

    @Test
    void clientsAndSettingsComeBackAndTheirSecretsStillWork() throws Exception {
        Map<String, Object> kept = createClient("transfer-kept", "srx");
        String keptId = (String) kept.get("client_id");
        String keptSecret = (String) kept.get("client_secret");
        setTimeout(90);

        JsonNode plain = MAPPER.readTree(
                given().auth().oauth2(adminToken()).get("/api/admin/config").asString());
        assertThat(plain.get("service").asText()).isEqualTo("query");
        assertThat(plain.toString()).doesNotContain("pbkdf2-sha256$").doesNotContain(keptSecret);
        // The configured admin belongs to this server's configuration: not exported.
        assertThat(plain.at("/sections/api_clients").findValuesAsText("client_id"))
                .contains(keptId)
                .doesNotContain(AuthTestClient.ADMIN_ID);
        JsonNode sealed = MAPPER.readTree(post("/api/admin/config/export", Map.of("passphrase", PASSPHRASE))
                .asString());
        assertThat(sealed.toString()).doesNotContain("pbkdf2-sha256$").doesNotContain(keptSecret);

        // Drift: the kept client rotated, a new client added, the timeout changed.
        String rotatedSecret = post("/api/admin/clients/" + keptId + "/secret", Map.of())
                .then()
                .statusCode(200)
                .extract()
                .path("client_secret");
        Map<String, Object> extra = createClient("transfer-extra", "srx");
        setTimeout(30);

        post("/api/admin/config/import", Map.of("document", sealed, "passphrase", PASSPHRASE))
                .then()
                .statusCode(200)
                .body("applied", equalTo(true));
        // The exported secret works again, the rotated one and the extra client no longer do.
        formToken(keptId, keptSecret).then().statusCode(200);
        formToken(keptId, rotatedSecret).then().statusCode(401);
        formToken((String) extra.get("client_id"), (String) extra.get("client_secret"))
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(adminToken())
                .get("/api/admin/settings")
                .then()
                .body("session_timeout_minutes", equalTo(90));
        // The configured admin was not touched: its token works (it made every call above).
        formToken(AuthTestClient.ADMIN_ID, AuthTestClient.ADMIN_SECRET).then().statusCode(200);

        // A plain document needs a secret per client; an assigned one replaces it.
        Response blocked = post("/api/admin/config/import", Map.of("document", plain));
        blocked.then().statusCode(409).body("error", equalTo("missing_passwords"));
        JsonNode report = MAPPER.readTree(blocked.asString());
        int keptIndex = -1;
        for (JsonNode m : report.get("missing")) {
            assertThat(m.get("section").asText()).isEqualTo("api_clients");
            if (m.get("username").asText().equals(keptId)) {
                keptIndex = m.get("index").asInt();
            }
        }
        assertThat(keptIndex).isPositive();
        List<Map<String, Object>> passwords = new java.util.ArrayList<>();
        for (JsonNode m : report.get("missing")) {
            passwords.add(Map.of("index", m.get("index").asInt(), "password", "assigned-secret-" + m.get("index")));
        }
        post(
                        "/api/admin/config/import",
                        Map.of(
                                "document",
                                plain,
                                "passwords",
                                List.of(Map.of("index", keptIndex, "password", "short"))))
                .then()
                .statusCode(report.get("total").asInt() == 1 ? 400 : 409);
        post("/api/admin/config/import", Map.of("document", plain, "passwords", passwords))
                .then()
                .statusCode(200)
                .body("remaining", equalTo(0));
        formToken(keptId, keptSecret).then().statusCode(401);
        formToken(keptId, "assigned-secret-" + keptIndex).then().statusCode(200);

        // A partial import of settings leaves the clients alone.
        setTimeout(45);
        post(
                        "/api/admin/config/import",
                        Map.of("document", plain, "sections", List.of("settings"), "accept_partial", true))
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
        given().auth()
                .oauth2(adminToken())
                .get("/api/admin/settings")
                .then()
                .body("session_timeout_minutes", equalTo(90));
        formToken(keptId, "assigned-secret-" + keptIndex).then().statusCode(200);
    }

    private static String rule(String kind, String pattern, String description) {
        return post("/api/admin/ignore-rules", Map.of("kind", kind, "pattern", pattern, "description", description))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static List<Map<String, Object>> rules() {
        return given().auth()
                .oauth2(adminToken())
                .get("/api/admin/ignore-rules")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
    }

    @Test
    void ignoreRulesComeBackKeyedByKindAndPattern() throws Exception {
        String svc = rule("user", "svc-transfer-*", "service accounts");
        String nat = rule("address", "10.77.0.0/16", "NAT gateways");
        JsonNode plain = MAPPER.readTree(
                given().auth().oauth2(adminToken()).get("/api/admin/config").asString());
        JsonNode exported = plain.at("/sections/ignore_rules");
        assertThat(exported.findValuesAsText("pattern")).contains("svc-transfer-*", "10.77.0.0/16");
        assertThat(exported.toString()).doesNotContain(svc).doesNotContain(nat);

        // Drift: one rule removed, one added, a description changed.
        given().auth()
                .oauth2(adminToken())
                .delete("/api/admin/ignore-rules/" + nat)
                .then()
                .statusCode(204);
        String other = rule("user", "other-transfer-*", "drift");
        given().auth()
                .oauth2(adminToken())
                .contentType(ContentType.JSON)
                .body(Map.of("kind", "user", "pattern", "svc-transfer-*", "description", "changed"))
                .put("/api/admin/ignore-rules/" + svc)
                .then()
                .statusCode(200);

        post(
                        "/api/admin/config/import",
                        Map.of("document", plain, "sections", List.of("ignore_rules"), "accept_partial", true))
                .then()
                .statusCode(200)
                .body("changes.ignore_rules.added", equalTo(1))
                .body("changes.ignore_rules.removed", equalTo(1));
        List<Map<String, Object>> after = rules();
        assertThat(after).extracting(r -> r.get("pattern")).contains("svc-transfer-*", "10.77.0.0/16");
        assertThat(after).extracting(r -> r.get("id")).contains(svc).doesNotContain(other, nat);
        assertThat(after)
                .filteredOn(r -> r.get("id").equals(svc))
                .singleElement()
                .satisfies(r -> assertThat(r).containsEntry("description", "service accounts"));

        // A rule the admin API refuses, or the same rule twice, fails the import and changes nothing.
        for (String bad : List.of(
                "[{\"kind\": \"user\", \"pattern\": \"*\"}]",
                "[{\"kind\": \"address\", \"pattern\": \"10.0.0.0/99\"}]",
                "[{\"kind\": \"user\", \"pattern\": \"a-*\", \"colour\": \"red\"}]",
                "[{\"kind\": \"user\", \"pattern\": \"A-*\"}, {\"kind\": \"user\", \"pattern\": \"a-*\"}]")) {
            com.fasterxml.jackson.databind.node.ObjectNode doc = plain.deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get("sections"))
                    .set("ignore_rules", MAPPER.readTree(bad));
            // The digest covers the sections: recompute it as an editor of the file would.
            post(
                            "/api/admin/config/import",
                            Map.of(
                                    "document",
                                    resigned(doc),
                                    "sections",
                                    List.of("ignore_rules"),
                                    "accept_partial",
                                    true))
                    .then()
                    .statusCode(400)
                    .body("message", org.hamcrest.Matchers.containsString("ignore_rules["));
        }
        assertThat(rules()).extracting(r -> r.get("id")).contains(svc);
        for (Map<String, Object> r : rules()) {
            given().auth().oauth2(adminToken()).delete("/api/admin/ignore-rules/" + r.get("id"));
        }
    }

    /** The document with its digest recomputed, as someone editing a plain export would do. */
    private static JsonNode resigned(com.fasterxml.jackson.databind.node.ObjectNode doc) throws Exception {
        doc.remove("integrity");
        String digest = java.util.Base64.getEncoder()
                .encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(io.openjims.support.transfer.CanonicalJson.bytes(doc)));
        doc.putObject("integrity").put("sha256", digest);
        return doc;
    }
}

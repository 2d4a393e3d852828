package io.openjims.push.transfer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.devinfra.SharedInfra;
import io.openjims.push.secret.service.SecretBeans;
import io.openjims.push.support.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Configuration export and import of push-service through the API, against the real database: secrets left out or
 * sealed, the missing-passwords flow, dry runs, partial imports, and documents refused before anything changes.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ConfigTransferTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ENDPOINT = "https://localhost:9/push";
    private static final String PASSPHRASE = "a long export passphrase";

    @Inject
    SecretBeans secrets;

    private static RequestSpecification admin() {
        return given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON);
    }

    private static String create(String name, String password) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("kind", "cso");
        body.put("endpoint", ENDPOINT);
        body.put("domains", List.of(name + ".example.com"));
        body.put("password", password);
        return admin().body(body)
                .post("/api/admin/tenants")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static Map<String, String> tenantsByName() {
        Map<String, String> byName = new HashMap<>();
        List<Map<String, Object>> all = admin().get("/api/admin/tenants")
                .then()
                .statusCode(200)
                .extract()
                .path("$");
        all.forEach(t -> byName.put((String) t.get("name"), (String) t.get("id")));
        return byName;
    }

    private String storedPassword(String id) throws Exception {
        try (Connection c = SharedInfra.postgres().connect();
                PreparedStatement s = c.prepareStatement("SELECT password_enc FROM push.tenant WHERE id = ?")) {
            s.setObject(1, UUID.fromString(id));
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                return secrets.cipher().orElseThrow().decrypt(r.getBytes(1), id);
            }
        }
    }

    private static Response importing(Map<String, Object> request) {
        return admin().body(request).post("/api/admin/config/import");
    }

    private static JsonNode json(Response response) throws Exception {
        return MAPPER.readTree(response.asString());
    }

    @Test
    void exportImportRoundTripWithPassphraseAndWithAssignedPasswords() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String keep = "keep-" + suffix;
        String change = "change-" + suffix;
        String keepId = create(keep, "Keep-Pass-1");
        create(change, "Change-Pass-1");

        // Plain export: every secret marked missing, no plaintext anywhere.
        Response plainResponse = admin().get("/api/admin/config");
        plainResponse
                .then()
                .statusCode(200)
                .header("Content-Disposition", equalTo("attachment; filename=\"openjims-push-config.json\""));
        JsonNode plain = json(plainResponse);
        assertThat(plain.get("format").asText()).isEqualTo("openjims-config");
        assertThat(plain.get("service").asText()).isEqualTo("push");
        assertThat(plain.toString()).doesNotContain("Keep-Pass-1").doesNotContain("Change-Pass-1");
        JsonNode keepItem = item(plain, keep);
        assertThat(keepItem.at("/password/missing").asBoolean()).isTrue();

        // Sealed export: the passwords travel, encrypted under the passphrase.
        JsonNode sealed = json(admin().body(Map.of("passphrase", PASSPHRASE)).post("/api/admin/config/export"));
        assertThat(sealed.toString()).doesNotContain("Keep-Pass-1");
        assertThat(item(sealed, keep).at("/password/sealed").asText()).startsWith("v1:");

        // The configuration drifts: one tenant changed, one removed, one added.
        Map<String, String> before = tenantsByName();
        admin().delete("/api/admin/tenants/" + before.get(change)).then().statusCode(204);
        String extra = "extra-" + suffix;
        create(extra, "Extra-Pass-1");
        admin().body(Map.of("password", "Other-Pass-9", "confirm", "Other-Pass-9"))
                .put("/api/admin/tenants/" + keepId + "/password")
                .then()
                .statusCode(204);

        // A dry run reports and applies nothing.
        importing(Map.of("document", sealed, "passphrase", PASSPHRASE, "dry_run", true))
                .then()
                .statusCode(200)
                .body("dry_run", equalTo(true))
                .body("applied", equalTo(false))
                .body("remaining", equalTo(0));
        assertThat(tenantsByName()).containsKey(extra).doesNotContainKey(change);

        // With the passphrase everything is back as exported: the extra tenant gone, the old password restored,
        // the kept tenant updated in place (same id, so its delivery position stays).
        importing(Map.of("document", sealed, "passphrase", PASSPHRASE))
                .then()
                .statusCode(200)
                .body("applied", equalTo(true))
                .body("changes.tenants.removed", equalTo(1))
                .body("changes.tenants.added", equalTo(1));
        Map<String, String> after = tenantsByName();
        assertThat(after).containsKeys(keep, change).doesNotContainKey(extra);
        assertThat(after.get(keep)).isEqualTo(keepId);
        assertThat(storedPassword(keepId)).isEqualTo("Keep-Pass-1");
        assertThat(storedPassword(after.get(change))).isEqualTo("Change-Pass-1");

        // The plain export needs every password: 409 listing them, nothing applied until all are given.
        admin().body(Map.of("password", "Other-Pass-9", "confirm", "Other-Pass-9"))
                .put("/api/admin/tenants/" + keepId + "/password")
                .then()
                .statusCode(204);
        Response blocked = importing(Map.of("document", plain));
        blocked.then().statusCode(409).body("error", equalTo("missing_passwords"));
        JsonNode report = json(blocked);
        int total = report.get("total").asInt();
        assertThat(report.get("fixed").asInt()).isZero();
        assertThat(report.get("remaining").asInt()).isEqualTo(total);
        Map<String, Integer> indexByName = new HashMap<>();
        for (JsonNode m : report.get("missing")) {
            assertThat(m.get("section").asText()).isEqualTo("tenants");
            assertThat(m.get("type").asText()).isEqualTo("tenant");
            assertThat(m.get("username").asText()).startsWith("ojp-");
            assertThat(m.get("used_for").asText()).contains(ENDPOINT);
            indexByName.put(m.get("name").asText(), m.get("index").asInt());
        }
        assertThat(indexByName).containsKeys(keep, change);
        assertThat(storedPassword(keepId)).isEqualTo("Other-Pass-9");

        // Some given: fixed counts them, still nothing applied.
        List<Map<String, Object>> passwords = new ArrayList<>();
        passwords.add(Map.of("index", indexByName.get(keep), "password", "Fresh-Pass-2"));
        Response partlyFixed = importing(Map.of("document", plain, "passwords", passwords));
        partlyFixed.then().statusCode(total == 1 ? 200 : 409);
        if (total > 1) {
            assertThat(json(partlyFixed).get("fixed").asInt()).isEqualTo(1);
            assertThat(json(partlyFixed).get("remaining").asInt()).isEqualTo(total - 1);
            assertThat(storedPassword(keepId)).isEqualTo("Other-Pass-9");
            for (Map.Entry<String, Integer> e : indexByName.entrySet()) {
                if (!e.getKey().equals(keep)) {
                    passwords.add(Map.of("index", e.getValue(), "password", "Fresh-Pass-2"));
                }
            }
            importing(Map.of("document", plain, "passwords", passwords))
                    .then()
                    .statusCode(200)
                    .body("applied", equalTo(true))
                    .body("fixed", equalTo(total))
                    .body("remaining", equalTo(0));
        }
        assertThat(storedPassword(keepId)).isEqualTo("Fresh-Pass-2");
        importing(Map.of("document", plain, "passwords", List.of(Map.of("index", 999, "password", "x"))))
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_password_index"));
    }

    @Test
    void refusedDocumentsChangeNothing() throws Exception {
        String name = "stable-" + UUID.randomUUID().toString().substring(0, 6);
        create(name, "Stable-Pass-1");
        JsonNode sealed = json(admin().body(Map.of("passphrase", PASSPHRASE)).post("/api/admin/config/export"));
        String other = "late-" + UUID.randomUUID().toString().substring(0, 6);
        create(other, "Late-Pass-1");

        ObjectNode tampered = sealed.deepCopy();
        ((ObjectNode) item(tampered, name)).put("endpoint", "https://attacker.example.net/push");
        importing(Map.of("document", tampered, "passphrase", PASSPHRASE))
                .then()
                .statusCode(400)
                .body("error", equalTo("tampered_document"));

        ObjectNode truncated = sealed.deepCopy();
        ((ArrayNode) truncated.at("/sections/tenants")).remove(0);
        importing(Map.of("document", truncated, "passphrase", PASSPHRASE))
                .then()
                .statusCode(400)
                .body("error", equalTo("tampered_document"));

        importing(Map.of("document", sealed, "passphrase", "not the passphrase at all"))
                .then()
                .statusCode(400)
                .body("error", equalTo("wrong_passphrase"));

        ObjectNode newer = sealed.deepCopy();
        newer.put("version", 7);
        importing(Map.of("document", newer, "passphrase", PASSPHRASE))
                .then()
                .statusCode(400)
                .body("error", equalTo("unsupported_version"));

        ObjectNode foreign = sealed.deepCopy();
        foreign.put("service", "collector");
        importing(Map.of("document", foreign)).then().statusCode(400).body("error", equalTo("wrong_service"));

        importing(Map.of("document", sealed, "passphrase", PASSPHRASE, "sections", List.of("tenants")))
                .then()
                .statusCode(400)
                .body("error", equalTo("accept_partial_required"));
        importing(Map.of("document", sealed, "sections", List.of("radius_clients"), "accept_partial", true))
                .then()
                .statusCode(400)
                .body("error", equalTo("unknown_section"));
        admin().body(Map.of())
                .post("/api/admin/config/export")
                .then()
                .statusCode(400)
                .body("error", equalTo("passphrase_required"));
        admin().body(Map.of("passphrase", "short"))
                .post("/api/admin/config/export")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_passphrase"));

        assertThat(tenantsByName()).containsKeys(name, other);

        // Accepted partial import of the section: replaces it.
        importing(Map.of(
                        "document",
                        sealed,
                        "passphrase",
                        PASSPHRASE,
                        "sections",
                        List.of("tenants"),
                        "accept_partial",
                        true))
                .then()
                .statusCode(200)
                .body("partial", equalTo(true))
                .body("applied", equalTo(true));
        assertThat(tenantsByName()).containsKey(name).doesNotContainKey(other);
    }

    @Test
    void onlyAdminsExportOrImport() {
        given().get("/api/admin/config").then().statusCode(401);
        given().auth()
                .oauth2(Tokens.withRoles("srx"))
                .get("/api/admin/config")
                .then()
                .statusCode(403);
    }

    private static JsonNode item(JsonNode doc, String name) {
        for (JsonNode t : doc.at("/sections/tenants")) {
            if (t.get("name").asText().equals(name)) {
                return t;
            }
        }
        throw new AssertionError("no tenant " + name + " in " + doc);
    }
}

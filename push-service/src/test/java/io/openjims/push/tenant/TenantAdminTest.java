package io.openjims.push.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.isOneOf;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.devinfra.SharedInfra;
import io.openjims.push.support.TestPki;
import io.openjims.push.support.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The tenant admin API: validation, password policy, generated usernames, secrets never shown nor stored plain. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TenantAdminTest {

    // Nothing listens on port 9: delivery attempts fail fast with "connection refused".
    private static final String ENDPOINT = "https://localhost:9/push";
    private static final String PASSWORD = "Secret-Pass1";

    private static RequestSpecification admin() {
        return given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON);
    }

    private static Map<String, Object> tenant(String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("kind", "cso");
        body.put("endpoint", ENDPOINT);
        body.put("domains", List.of("Admin-" + name + ".example.com"));
        body.put("password", PASSWORD);
        return body;
    }

    private static String create(Map<String, Object> body) {
        return admin().body(body)
                .post("/api/admin/tenants")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void createShowsGeneratedUsernameAndNeverThePassword() {
        String name = "acme-" + UUID.randomUUID().toString().substring(0, 8);
        String id = create(tenant(name));
        String body = admin().get("/api/admin/tenants/" + id)
                .then()
                .statusCode(200)
                .body("name", equalTo(name))
                .body("kind", equalTo("cso"))
                .body("endpoint", equalTo(ENDPOINT))
                .body("domains", equalTo(List.of(("admin-" + name + ".example.com"))))
                .body("username", startsWith("ojp-acme-"))
                .body("status", isOneOf("pending", "failing"))
                .body("last_push_at", nullValue())
                .body("lag", notNullValue())
                .body("password", nullValue())
                .extract()
                .asString();
        assertThat(body).doesNotContain(PASSWORD);
        // Nothing listens at the endpoint: the status says so, naming the network failure.
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> admin().get("/api/admin/tenants/" + id)
                        .then()
                        .body("status", equalTo("failing"))
                        .body("last_error", containsString("connection refused"))
                        .body("last_error", not(containsString(PASSWORD))));
        admin().get("/api/admin/tenants").then().statusCode(200).body("id", hasItem(id));
        admin().delete("/api/admin/tenants/" + id).then().statusCode(204);
        admin().get("/api/admin/tenants/" + id).then().statusCode(404).body("error", equalTo("not_found"));
    }

    @Test
    void usernamesAreUniqueAndNotEditable() {
        String a = create(tenant("same-" + UUID.randomUUID()));
        String b = create(tenant("same-" + UUID.randomUUID()));
        String userA = admin().get("/api/admin/tenants/" + a).then().extract().path("username");
        String userB = admin().get("/api/admin/tenants/" + b).then().extract().path("username");
        assertThat(userA).isNotEqualTo(userB);

        Map<String, Object> update = tenant("renamed-" + UUID.randomUUID());
        update.remove("password");
        update.put("username", "i-want-this");
        admin().body(update)
                .put("/api/admin/tenants/" + a)
                .then()
                .statusCode(400)
                .body("error", equalTo("username_not_editable"));
        update.put("username", userA);
        update.put("endpoint", "https://localhost:10/other");
        // Where the credentials go changes only with the tenant's current password.
        admin().body(update)
                .put("/api/admin/tenants/" + a)
                .then()
                .statusCode(400)
                .body("error", equalTo("password_required"));
        update.put("current_password", PASSWORD + "x");
        admin().body(update)
                .put("/api/admin/tenants/" + a)
                .then()
                .statusCode(403)
                .body("error", equalTo("password_mismatch"));
        update.put("current_password", PASSWORD);
        admin().body(update)
                .put("/api/admin/tenants/" + a)
                .then()
                .statusCode(200)
                .body("username", equalTo(userA))
                .body("endpoint", equalTo("https://localhost:10/other"));
        admin().delete("/api/admin/tenants/" + a).then().statusCode(204);
        admin().delete("/api/admin/tenants/" + b).then().statusCode(204);
    }

    @Test
    void aUsernameIssuedByCsoIsKeptAsGivenAndChangesOnlyTogetherWithThePassword() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String issued = "Cso_Tenant." + run + "@jims";
        Map<String, Object> body = tenant("cso-" + run);
        body.put("username", issued);
        String id = admin().body(body)
                .post("/api/admin/tenants")
                .then()
                .statusCode(201)
                .body("username", equalTo(issued))
                .extract()
                .path("id");
        admin().get("/api/admin/tenants/" + id).then().statusCode(200).body("username", equalTo(issued));

        Map<String, Object> twin = tenant("cso-twin-" + run);
        twin.put("username", issued);
        admin().body(twin).post("/api/admin/tenants").then().statusCode(409).body("error", equalTo("username_taken"));
        twin.put("username", "has:colon");
        admin().body(twin).post("/api/admin/tenants").then().statusCode(400).body("error", equalTo("invalid_username"));
        twin.remove("username");
        String other = create(twin);
        String generated =
                admin().get("/api/admin/tenants/" + other).then().extract().path("username");
        assertThat(generated).startsWith("ojp-cso-twin-");

        // CSO issued new credentials: username and password change in one call, checked as on creation.
        String reissued = "cso-reissued-" + run;
        admin().body(Map.of("password", "New-Pass-42", "confirm", "New-Pass-42", "username", generated))
                .put("/api/admin/tenants/" + id + "/password")
                .then()
                .statusCode(409)
                .body("error", equalTo("username_taken"));
        admin().body(Map.of("password", "New-Pass-42", "confirm", "New-Pass-43", "username", reissued))
                .put("/api/admin/tenants/" + id + "/password")
                .then()
                .statusCode(400)
                .body("error", equalTo("password_mismatch"));
        admin().get("/api/admin/tenants/" + id).then().body("username", equalTo(issued));
        admin().body(Map.of("password", "New-Pass-42", "confirm", "New-Pass-42", "username", reissued))
                .put("/api/admin/tenants/" + id + "/password")
                .then()
                .statusCode(204);
        admin().get("/api/admin/tenants/" + id).then().statusCode(200).body("username", equalTo(reissued));
        admin().delete("/api/admin/tenants/" + id).then().statusCode(204);
        admin().delete("/api/admin/tenants/" + other).then().statusCode(204);
    }

    @Test
    void passwordPolicyNamesEachBrokenRule() {
        Map<String, String> cases = Map.of(
                "Abcdefg!", "digit",
                "abcdefg1!", "upper-case letter",
                "Abcdefgh1", "special character",
                "Ab1!", "at least 8 characters");
        cases.forEach((password, rule) -> {
            Map<String, Object> body = tenant("policy-" + UUID.randomUUID());
            body.put("password", password);
            admin().body(body)
                    .post("/api/admin/tenants")
                    .then()
                    .statusCode(400)
                    .body("error", equalTo("password_policy"))
                    .body("message", containsString(rule));
        });
    }

    @Test
    void passwordChangeNeedsPolicyAndMatchingConfirm() throws Exception {
        String id = create(tenant("pw-" + UUID.randomUUID()));
        byte[] before = storedPassword(id);
        admin().body(Map.of("password", "New-Pass-42", "confirm", "New-Pass-43"))
                .put("/api/admin/tenants/" + id + "/password")
                .then()
                .statusCode(400)
                .body("error", equalTo("password_mismatch"))
                .body("message", containsString("confirm"));
        admin().body(Map.of("password", "newpass42!", "confirm", "newpass42!"))
                .put("/api/admin/tenants/" + id + "/password")
                .then()
                .statusCode(400)
                .body("error", equalTo("password_policy"))
                .body("message", containsString("upper-case letter"));
        assertThat(storedPassword(id)).isEqualTo(before);
        admin().body(Map.of("password", "New-Pass-42", "confirm", "New-Pass-42"))
                .put("/api/admin/tenants/" + id + "/password")
                .then()
                .statusCode(204);
        byte[] after = storedPassword(id);
        assertThat(after).isNotEqualTo(before);
        assertThat(new String(after, StandardCharsets.ISO_8859_1)).doesNotContain("New-Pass-42");
        admin().delete("/api/admin/tenants/" + id).then().statusCode(204);
    }

    @Test
    void storedPasswordIsNotReadableInTheDatabase() throws Exception {
        String id = create(tenant("enc-" + UUID.randomUUID()));
        byte[] stored = storedPassword(id);
        // AES-GCM: version byte, 12-byte nonce, ciphertext as long as the password, 16-byte tag.
        assertThat(stored).hasSize(1 + 12 + PASSWORD.length() + 16);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(PASSWORD);
        try (Connection c = SharedInfra.postgres().connect();
                PreparedStatement st = c.prepareStatement("SELECT t::text FROM push.tenant t WHERE id = ?::uuid")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).doesNotContain(PASSWORD);
            }
        }
        // The same password for another tenant encrypts differently (random nonce, tenant id bound in).
        String other = create(tenant("enc2-" + UUID.randomUUID()));
        assertThat(storedPassword(other)).isNotEqualTo(stored);
        admin().delete("/api/admin/tenants/" + id).then().statusCode(204);
        admin().delete("/api/admin/tenants/" + other).then().statusCode(204);
    }

    @Test
    void rejectsBadSettingsWithClearMessages() {
        Map<String, Object> http = tenant("http-" + UUID.randomUUID());
        http.put("endpoint", "http://localhost:9/push");
        admin().body(http)
                .post("/api/admin/tenants")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_endpoint"))
                .body("message", containsString("https"));
        Map<String, Object> kind = tenant("kind-" + UUID.randomUUID());
        kind.put("kind", "srx");
        admin().body(kind).post("/api/admin/tenants").then().statusCode(400).body("error", equalTo("invalid_kind"));
        Map<String, Object> domains = tenant("dom-" + UUID.randomUUID());
        domains.put("domains", List.of());
        admin().body(domains)
                .post("/api/admin/tenants")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_domains"));
        Map<String, Object> ca = tenant("ca-" + UUID.randomUUID());
        ca.put("ca_pem", "not a certificate");
        admin().body(ca).post("/api/admin/tenants").then().statusCode(400).body("error", equalTo("invalid_ca_pem"));
        Map<String, Object> keyOnly = tenant("key-" + UUID.randomUUID());
        keyOnly.put("client_key_pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        admin().body(keyOnly)
                .post("/api/admin/tenants")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_client_cert"));
        admin().body("{not json")
                .post("/api/admin/tenants")
                .then()
                .statusCode(400)
                .body("error", notNullValue());
    }

    @Test
    void acceptsCaAndClientCertificateButNeverShowsTheKey() {
        TestPki pki = TestPki.create("Admin Test CA");
        TestPki.Issued client = pki.issue("push-client", List.of(), true);
        Map<String, Object> body = tenant("mtls-" + UUID.randomUUID());
        body.put("kind", "secure-edge");
        body.put("ca_pem", pki.caPem());
        body.put("client_cert_pem", client.certPem());
        body.put("client_key_pem", client.keyPem());
        String id = create(body);
        String json = admin().get("/api/admin/tenants/" + id)
                .then()
                .statusCode(200)
                .body("kind", equalTo("secure-edge"))
                .body("client_key_set", equalTo(true))
                .body("ca_pem", containsString("BEGIN CERTIFICATE"))
                .body("$", not(org.hamcrest.Matchers.hasKey("client_key_pem")))
                .extract()
                .asString();
        assertThat(json).doesNotContain("PRIVATE KEY");
        admin().post("/api/admin/tenants/" + id + "/resync").then().statusCode(202);
        admin().delete("/api/admin/tenants/" + id).then().statusCode(204);
    }

    @Test
    void needsAnAdminToken() {
        given().contentType(ContentType.JSON)
                .body(tenant("anon"))
                .post("/api/admin/tenants")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(Tokens.withRoles("srx"))
                .get("/api/admin/tenants")
                .then()
                .statusCode(403);
    }

    private static byte[] storedPassword(String id) throws Exception {
        try (Connection c = SharedInfra.postgres().connect();
                PreparedStatement st = c.prepareStatement("SELECT password_enc FROM push.tenant WHERE id = ?::uuid")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getBytes(1);
            }
        }
    }
}

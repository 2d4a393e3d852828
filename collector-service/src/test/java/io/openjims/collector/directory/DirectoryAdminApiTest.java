package io.openjims.collector.directory;

import static io.openjims.collector.directory.DirectoryTestSupport.admin;
import static io.openjims.collector.directory.DirectoryTestSupport.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.devinfra.SharedInfra;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The directories admin API: CRUD, validation naming the field, secrets never returned and encrypted at rest. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DirectoryAdminApiTest {

    private static final String PASSWORD = "Bind-Secret-" + UUID.randomUUID();

    private final List<String> created = new ArrayList<>();

    @AfterEach
    void removeDirectories() {
        created.forEach(DirectoryTestSupport::delete);
    }

    private Map<String, Object> body(String name) {
        // Port 1 on loopback refuses at once: these directories fail quickly and quietly.
        Map<String, Object> body = DirectoryTestSupport.adBody(name, "ldap://127.0.0.1:1", "corp.example.com");
        body.put("bind_password", PASSWORD);
        return body;
    }

    private String create(Map<String, Object> body) {
        String id = DirectoryTestSupport.create(body);
        created.add(id);
        return id;
    }

    @Test
    void createReadUpdateDeleteWithoutEverReturningThePassword() throws Exception {
        String name = "corp-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = body(name);
        body.put("domain", "Corp.Example.COM");
        body.put("exclude_dn_patterns", List.of("OU=Service Accounts,"));
        String id = create(body);

        String json = given().auth()
                .oauth2(admin())
                .get("/api/admin/directories/" + id)
                .then()
                .statusCode(200)
                .body("name", equalTo(name))
                .body("domain", equalTo("corp.example.com"))
                .body("kind", equalTo("active-directory"))
                .body("poll_interval_seconds", equalTo(10))
                .body("bind_password_set", equalTo(true))
                .body("$", not(hasKey("bind_password")))
                .body("status", notNullValue())
                .extract()
                .asString();
        assertThat(json).doesNotContain(PASSWORD);
        assertThat(given().auth().oauth2(admin()).get("/api/admin/directories").asString())
                .contains(id)
                .doesNotContain(PASSWORD);

        // Stored encrypted: the row holds neither the password nor its UTF-8 bytes.
        var pg = SharedInfra.postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
                PreparedStatement st = c.prepareStatement(
                        "SELECT bind_password_enc FROM collector.directory_source WHERE id = ?::uuid")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).isTrue();
                byte[] stored = rs.getBytes(1);
                assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(PASSWORD);
                // service-support's one format: version byte, 12-byte nonce, ciphertext, 16-byte tag.
                assertThat(stored[0]).isEqualTo((byte) 1);
                assertThat(stored.length).isEqualTo(1 + 12 + PASSWORD.length() + 16);
            }
        }

        // PUT without a password keeps the stored one; other fields change.
        body.remove("bind_password");
        body.put("poll_interval_seconds", 60);
        given().auth()
                .oauth2(admin())
                .contentType("application/json")
                .body(body)
                .put("/api/admin/directories/" + id)
                .then()
                .statusCode(200)
                .body("poll_interval_seconds", equalTo(60))
                .body("bind_password_set", equalTo(true));

        given().auth()
                .oauth2(admin())
                .delete("/api/admin/directories/" + id)
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(admin())
                .get("/api/admin/directories/" + id)
                .then()
                .statusCode(404)
                .body("error", equalTo("not_found"));
    }

    @Test
    void validationErrorsNameTheField() {
        record Case(String field, Object value, String expectedField) {}
        List<Case> cases = List.of(
                new Case("url", "http://dc1.example.com", "url"),
                new Case("url", "ldap://", "url"),
                new Case("bind_dn", "not a dn", "bind_dn"),
                new Case("base_dn", "", "base_dn"),
                new Case("domain", "not a domain!", "domain"),
                new Case("poll_interval_seconds", 5, "poll_interval_seconds"),
                new Case("poll_interval_seconds", 3601, "poll_interval_seconds"),
                new Case("poll_interval_seconds", "often", "poll_interval_seconds"),
                new Case("exclude_dn_patterns", List.of("([unclosed"), "exclude_dn_patterns"),
                new Case("ca_pem", "-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----", "ca_pem"),
                new Case("kind", "novell", "kind"),
                new Case("netbios_name", "MUCH-TOO-LONG-NETBIOS", "netbios_name"),
                new Case("bind_password", "", "bind_password"),
                new Case("name", "", "name"));
        for (Case c : cases) {
            Map<String, Object> body = body("v-" + UUID.randomUUID().toString().substring(0, 8));
            body.put(c.field(), c.value());
            given().auth()
                    .oauth2(admin())
                    .contentType("application/json")
                    .body(body)
                    .post("/api/admin/directories")
                    .then()
                    .statusCode(400)
                    .body("error", equalTo("invalid_field"))
                    .body("field", equalTo(c.expectedField()))
                    .body("message", containsString(c.expectedField()));
        }
        Map<String, Object> ldaps = body("v-tls");
        ldaps.put("url", "ldaps://dc1.example.com");
        ldaps.put("start_tls", true);
        given().auth()
                .oauth2(admin())
                .contentType("application/json")
                .body(ldaps)
                .post("/api/admin/directories")
                .then()
                .statusCode(400)
                .body("field", equalTo("start_tls"));
        Map<String, Object> badFilter = body("v-filter");
        badFilter.put("kind", "ldap");
        badFilter.put("ldap_mapping", Map.of("user_filter", "(objectClass=person"));
        given().auth()
                .oauth2(admin())
                .contentType("application/json")
                .body(badFilter)
                .post("/api/admin/directories")
                .then()
                .statusCode(400)
                .body("field", equalTo("ldap_mapping.user_filter"));
        given().auth()
                .oauth2(admin())
                .contentType("application/json")
                .body("{\"name\": ")
                .post("/api/admin/directories")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_json"));
    }

    @Test
    void onlyAdminsMayUseTheApi() {
        given().get("/api/admin/directories").then().statusCode(401);
        given().auth().oauth2(token("srx")).get("/api/admin/directories").then().statusCode(403);
        given().auth()
                .oauth2(token("ingest"))
                .contentType("application/json")
                .body(body("nope"))
                .post("/api/admin/directories")
                .then()
                .statusCode(403);
    }

    @Test
    void atMostOneHundredDirectoriesAndNamesAreUnique() {
        String prefix = "many-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        int existing = given().auth()
                .oauth2(admin())
                .get("/api/admin/directories")
                .jsonPath()
                .getList("$")
                .size();
        for (int i = existing; i < 100; i++) {
            Map<String, Object> body = DirectoryTestSupport.withOwnNames(body(prefix + i));
            body.put("domain", prefix + i + ".example.com");
            body.put("poll_interval_seconds", 3600);
            create(body);
        }
        given().auth()
                .oauth2(admin())
                .contentType("application/json")
                .body(body(prefix + "one-too-many"))
                .post("/api/admin/directories")
                .then()
                .statusCode(409)
                .body("error", equalTo("too_many_directories"));
        given().auth().oauth2(admin()).delete("/api/admin/directories/" + created.remove(0));
        Map<String, Object> duplicate = new HashMap<>(body(prefix + (existing + 1)));
        given().auth()
                .oauth2(admin())
                .contentType("application/json")
                .body(duplicate)
                .post("/api/admin/directories")
                .then()
                .statusCode(409)
                .body("error", equalTo("name_taken"));
    }

    @Test
    void aDomainNetbiosNameOrUpnSuffixClaimedByAnotherDirectoryIsRefusedNamingIt() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> first = body("first-" + tag);
        first.put("domain", tag + ".example.com");
        first.put("netbios_name", "N" + tag);
        first.put("upn_suffixes", List.of(tag + ".upn.test"));
        String firstId = create(first);

        record Clash(String field, Object value, String claimedAs) {}
        for (Clash clash : List.of(
                new Clash("netbios_name", "n" + tag, "netbios_name"),
                new Clash("upn_suffixes", List.of("other.test", tag.toUpperCase() + ".UPN.test"), "upn_suffixes"),
                new Clash("domain", tag + ".example.com", "domain"),
                new Clash("upn_suffixes", List.of(tag + ".example.com"), "domain"))) {
            Map<String, Object> second = DirectoryTestSupport.withOwnNames(body("second-" + tag));
            second.put("domain", "second-" + tag + ".example.com");
            second.put(clash.field(), clash.value());
            given().auth()
                    .oauth2(admin())
                    .contentType("application/json")
                    .body(second)
                    .post("/api/admin/directories")
                    .then()
                    .statusCode(409)
                    .body("error", equalTo("conflict"))
                    .body("message", containsString("directory 'first-" + tag + "'"))
                    .body("message", containsString("as its " + clash.claimedAs()));
        }

        // The directory itself may keep its names when it is saved again, and another may take them once it is gone.
        given().auth()
                .oauth2(admin())
                .contentType("application/json")
                .body(first)
                .put("/api/admin/directories/" + firstId)
                .then()
                .statusCode(200);
        Map<String, Object> other = DirectoryTestSupport.withOwnNames(body("second-" + tag));
        other.put("domain", "second-" + tag + ".example.com");
        String otherId = create(other);
        other.put("netbios_name", "N" + tag);
        given().auth()
                .oauth2(admin())
                .contentType("application/json")
                .body(other)
                .put("/api/admin/directories/" + otherId)
                .then()
                .statusCode(409)
                .body("error", equalTo("conflict"));
        given().auth().oauth2(admin()).delete("/api/admin/directories/" + firstId);
        created.remove(firstId);
        given().auth()
                .oauth2(admin())
                .contentType("application/json")
                .body(other)
                .put("/api/admin/directories/" + otherId)
                .then()
                .statusCode(200);
    }
}

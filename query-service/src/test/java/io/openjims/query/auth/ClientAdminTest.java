package io.openjims.query.auth;

import static io.openjims.query.auth.AuthTestClient.adminToken;
import static io.openjims.query.auth.AuthTestClient.createClient;
import static io.openjims.query.auth.AuthTestClient.formToken;
import static io.openjims.query.auth.AuthTestClient.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.devinfra.SharedInfra;
import io.openjims.query.auth.service.AdminClientBootstrap;
import io.openjims.support.crypto.Pbkdf2Hasher;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The client admin API, role checks and the configured admin client, over real HTTP and PostgreSQL. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ClientAdminTest {

    private static final String CLIENTS = "/api/admin/clients";
    private static final String SRX_PROBE = "/api/test-only/srx-probe";

    @Inject
    AdminClientBootstrap bootstrap;

    @Inject
    Pbkdf2Hasher hasher;

    @Test
    void lastSeenAtIsRecordedWhenATokenIsIssuedAndWrittenAtMostOncePerResolution() throws Exception {
        Map<String, Object> created = createClient("seen-srx", "srx");
        String id = (String) created.get("client_id");
        String path = CLIENTS + "/" + id;
        assertThat((Object) given().auth()
                        .oauth2(adminToken())
                        .get(path)
                        .then()
                        .extract()
                        .path("last_seen_at"))
                .as("never seen yet")
                .isNull();
        Instant before = Instant.now().minusSeconds(1);
        String srx = token(id, (String) created.get("client_secret"));
        String seen = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> given().auth()
                                .oauth2(adminToken())
                                .get(path)
                                .then()
                                .statusCode(200)
                                .extract()
                                .path("last_seen_at"),
                        value -> value != null);
        assertThat(Instant.parse(seen)).isAfter(before).isBefore(Instant.now().plusSeconds(1));
        List<Map<String, Object>> listed = given().auth()
                .oauth2(adminToken())
                .get(CLIENTS)
                .then()
                .extract()
                .jsonPath()
                .getList("$");
        assertThat(listed)
                .anySatisfy(c -> assertThat(c).containsEntry("client_id", id).containsEntry("last_seen_at", seen));

        // Within the resolution (1 minute) more tokens and queries write nothing more.
        token(id, (String) created.get("client_secret"));
        given().auth()
                .oauth2(srx)
                .contentType(ContentType.JSON)
                .body(Map.of("query", "ip", "ip", "10.99.0.1"))
                .post("/api/user_query/v2")
                .then()
                .statusCode(200);
        await().pollDelay(Duration.ofSeconds(6))
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(lastSeenInDatabase(id)).isEqualTo(Instant.parse(seen)));
    }

    private static Instant lastSeenInDatabase(String clientId) throws Exception {
        try (Connection db = SharedInfra.postgres().connect();
                PreparedStatement ps =
                        db.prepareStatement("SELECT last_seen_at FROM query.api_client WHERE client_id = ?")) {
            ps.setString(1, clientId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }

    @Test
    void theConfiguredAdminCreatesAnSrxClientWhoseTokenPassesSrxChecksButNotAdminOnes() {
        String admin = adminToken();
        Map<String, Object> created = given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "branch-srx", "roles", List.of("srx")))
                .post(CLIENTS)
                .then()
                .statusCode(201)
                .header("Location", containsString(CLIENTS + "/"))
                .header("Cache-Control", "no-store")
                .body("client_id", notNullValue())
                .body("client_secret", notNullValue())
                .body("name", equalTo("branch-srx"))
                .body("roles", equalTo(List.of("srx")))
                .body("created_at", notNullValue())
                .extract()
                .as(Map.class);
        String id = (String) created.get("client_id");
        String srx = token(id, (String) created.get("client_secret"));

        given().auth()
                .oauth2(srx)
                .get(SRX_PROBE)
                .then()
                .statusCode(200)
                .body("client_id", equalTo(id))
                .body("roles", equalTo(List.of("srx")));
        given().auth()
                .oauth2(srx)
                .get(CLIENTS)
                .then()
                .statusCode(403)
                .body("error", equalTo("forbidden"))
                .body("message", containsString("admin"));
        given().auth()
                .oauth2(srx)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "escalation", "roles", List.of("admin")))
                .post(CLIENTS)
                .then()
                .statusCode(403);
        // The admin token does not carry role srx.
        given().auth().oauth2(admin).get(SRX_PROBE).then().statusCode(403).body("error", equalTo("forbidden"));
    }

    @Test
    void anIngestTokenIsRefusedAtQueryServiceByItsAudience() {
        // An ingest-only client's token names only openjims-collector: query-service refuses it before any role check.
        Map<String, Object> ingest = createClient("collector-pusher", "ingest");
        String token = token((String) ingest.get("client_id"), (String) ingest.get("client_secret"));
        given().auth().oauth2(token).get(SRX_PROBE).then().statusCode(401).body("error", equalTo("invalid_token"));
    }

    @Test
    void missingInvalidExpiredOrForeignTokensGet401WithABody() throws Exception {
        given().get(CLIENTS)
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("error", equalTo("unauthorized"))
                .body("message", containsString("token"));
        given().auth().oauth2("not.a.jwt").get(CLIENTS).then().statusCode(401).body("error", equalTo("invalid_token"));

        Instant now = Instant.now();
        String expired = Jwt.issuer("openjims")
                .audience("openjims-query")
                .subject(AuthTestClient.ADMIN_ID)
                .groups(Set.of("admin"))
                .issuedAt(now.minusSeconds(7200))
                .expiresAt(now.minusSeconds(3600))
                .jws()
                .keyId(testKid())
                .sign(); // the test private key (smallrye.jwt.sign.key.location)
        given().auth()
                .oauth2(expired)
                .get(CLIENTS)
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_token"))
                .body("message", containsString("expired"));

        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String foreign = Jwt.issuer("openjims")
                .audience("openjims-query")
                .subject(AuthTestClient.ADMIN_ID)
                .groups(Set.of("admin"))
                .expiresIn(600)
                .jws()
                .keyId(testKid())
                .sign(generator.generateKeyPair().getPrivate());
        given().auth().oauth2(foreign).get(CLIENTS).then().statusCode(401).body("error", equalTo("invalid_token"));

        String otherIssuer = Jwt.issuer("someone-else")
                .audience("openjims-query")
                .subject(AuthTestClient.ADMIN_ID)
                .groups(Set.of("admin"))
                .expiresIn(600)
                .jws()
                .keyId(testKid())
                .sign();
        given().auth().oauth2(otherIssuer).get(CLIENTS).then().statusCode(401);
    }

    @Test
    void listingNeverShowsSecretsAndTheDatabaseHoldsOnlyHashes() throws Exception {
        Map<String, Object> created = createClient("hash-check", "srx", "ingest");
        String id = (String) created.get("client_id");
        String secret = (String) created.get("client_secret");

        String list = given().auth()
                .oauth2(adminToken())
                .get(CLIENTS)
                .then()
                .statusCode(200)
                .body("client_id", hasItem(id))
                .body("client_id", hasItem(AuthTestClient.ADMIN_ID))
                .body("find { it.client_id == '" + id + "' }.roles", equalTo(List.of("srx", "ingest")))
                .body("find { it.client_id == '" + id + "' }.name", equalTo("hash-check"))
                .extract()
                .asString();
        assertThat(list).doesNotContain(secret).doesNotContain("client_secret").doesNotContain("pbkdf2");
        given().auth()
                .oauth2(adminToken())
                .get(CLIENTS + "/" + id)
                .then()
                .statusCode(200)
                .body("client_id", equalTo(id))
                .body("client_secret", equalTo(null))
                .body("origin", equalTo("api"));

        try (Connection db = SharedInfra.postgres().connect();
                PreparedStatement query = db.prepareStatement(
                        "SELECT t.*::text AS row_text, secret_hash FROM query.api_client t" + " WHERE client_id = ?")) {
            query.setString(1, id);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString("row_text")).doesNotContain(secret);
                String hash = row.getString("secret_hash");
                assertThat(hash).startsWith("pbkdf2-sha256$20000$");
                assertThat(hasher.verify(secret, hash)).isTrue();
            }
        }
    }

    @Test
    void rotatingASecretInvalidatesTheOldOne() {
        Map<String, Object> created = createClient("rotate-me", "srx");
        String id = (String) created.get("client_id");
        String oldSecret = (String) created.get("client_secret");
        token(id, oldSecret);

        Map<String, Object> rotated = given().auth()
                .oauth2(adminToken())
                .post(CLIENTS + "/" + id + "/secret")
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("client_id", equalTo(id))
                .body("roles", equalTo(List.of("srx")))
                .body("client_secret", not(equalTo(oldSecret)))
                .extract()
                .as(Map.class);

        formToken(id, oldSecret).then().statusCode(401).body("error", equalTo("invalid_client"));
        token(id, (String) rotated.get("client_secret"));
    }

    @Test
    void deletingAClientStopsItsTokenRequests() {
        Map<String, Object> created = createClient("delete-me", "srx");
        String id = (String) created.get("client_id");
        String admin = adminToken();

        given().auth().oauth2(admin).delete(CLIENTS + "/" + id).then().statusCode(204);
        formToken(id, (String) created.get("client_secret")).then().statusCode(401);
        given().auth()
                .oauth2(admin)
                .delete(CLIENTS + "/" + id)
                .then()
                .statusCode(404)
                .body("error", equalTo("not_found"))
                .body("message", containsString(id));
        given().auth().oauth2(admin).get(CLIENTS + "/" + id).then().statusCode(404);
        given().auth()
                .oauth2(admin)
                .post(CLIENTS + "/" + id + "/secret")
                .then()
                .statusCode(404)
                .body("error", equalTo("not_found"));
    }

    @Test
    void invalidClientDefinitionsGet400WithAClearMessage() {
        String admin = adminToken();
        assertBadRequest(admin, Map.of("name", "x", "roles", List.of("root")), "unknown role \"root\"");
        assertBadRequest(admin, Map.of("name", "x", "roles", List.of()), "srx, ingest, admin");
        assertBadRequest(admin, Map.of("name", "x"), "roles is required");
        assertBadRequest(admin, Map.of("roles", List.of("srx")), "name is required");
        assertBadRequest(admin, Map.of("name", "x", "roles", "srx"), "JSON");
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body("{\"name\": ")
                .post(CLIENTS)
                .then()
                .statusCode(400)
                // Not JSON at all: invalid_json in every service (JSON of the wrong shape stays invalid_request).
                .body("error", equalTo("invalid_json"));
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .post(CLIENTS)
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void theConfiguredAdminIsIdempotentAndSafeWithReplicasStartingTogether() throws Throwable {
        String id = "ops-admin-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = "first-secret-0123456789";
        ExecutorService replicas = Executors.newFixedThreadPool(3);
        try {
            List<Future<Void>> starts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Callable<Void> start = () -> {
                    try {
                        bootstrap.ensure(id, secret, false);
                    } catch (Throwable t) {
                        throw new AssertionError(t);
                    }
                    return null;
                };
                starts.add(replicas.submit(start));
            }
            for (Future<Void> start : starts) {
                start.get();
            }
        } finally {
            replicas.shutdownNow();
        }
        Map<String, Object> row = row(id);
        assertThat(row.get("roles")).isEqualTo("{admin}");
        assertThat(row.get("origin")).isEqualTo("config");
        String admin = token(id, secret);
        given().auth().oauth2(admin).get(CLIENTS).then().statusCode(200);

        // A restart with the same secret writes nothing.
        bootstrap.ensure(id, secret, false);
        assertThat(row(id).get("secret_hash")).isEqualTo(row.get("secret_hash"));

        // A new configured secret replaces the old one.
        bootstrap.ensure(id, "second-secret-0123456789", false);
        formToken(id, secret).then().statusCode(401);
        token(id, "second-secret-0123456789");
    }

    @Test
    void theConfiguredAdminGetsRoleAdminBackAndKeepsItsOtherRoles() throws Throwable {
        Map<String, Object> created = createClient("demoted", "srx");
        String id = (String) created.get("client_id");
        bootstrap.ensure(id, (String) created.get("client_secret"), false);
        assertThat(row(id).get("roles")).isEqualTo("{srx,admin}");
        String token = token(id, (String) created.get("client_secret"));
        given().auth().oauth2(token).get(SRX_PROBE).then().statusCode(200);
        given().auth().oauth2(token).get(CLIENTS).then().statusCode(200);
    }

    @Test
    void rotatingOrDeletingAClientRevokesItsIssuedTokensWithinSeconds() {
        Map<String, Object> created = createClient("revoked-srx", "srx");
        String id = (String) created.get("client_id");
        String first = token(id, (String) created.get("client_secret"));
        String claims = new String(java.util.Base64.getUrlDecoder().decode(first.split("\\.")[1]));
        assertThat(claims).contains("\"aud\":\"openjims-query\"").contains("\"sat\":");
        String header = new String(java.util.Base64.getUrlDecoder().decode(first.split("\\.")[0]));
        assertThat(header).contains("\"kid\":\"" + testKid() + "\"");
        given().auth().oauth2(first).get(SRX_PROBE).then().statusCode(200);

        String rotated = given().auth()
                .oauth2(adminToken())
                .post(CLIENTS + "/" + id + "/secret")
                .then()
                .statusCode(200)
                .extract()
                .path("client_secret");
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> given().auth()
                        .oauth2(first)
                        .get(SRX_PROBE)
                        .then()
                        .statusCode(401)
                        .body("error", equalTo("invalid_token")));
        String second = token(id, rotated);
        given().auth().oauth2(second).get(SRX_PROBE).then().statusCode(200);

        given().auth().oauth2(adminToken()).delete(CLIENTS + "/" + id).then().statusCode(204);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> given().auth()
                        .oauth2(second)
                        .get(SRX_PROBE)
                        .then()
                        .statusCode(401)
                        .body("error", equalTo("invalid_token")));
    }

    @Test
    void theBootstrapNeverRevertsASecretRotatedThroughTheApiUnlessReset() throws Throwable {
        String id = "boot-admin-" + UUID.randomUUID().toString().substring(0, 8);
        String configured = "configured-secret-0123456789";
        assertThat(bootstrap.ensure(id, configured, false)).isEqualTo(AdminClientBootstrap.Outcome.CREATED);
        String rotated = given().auth()
                .oauth2(token(id, configured))
                .post(CLIENTS + "/" + id + "/secret")
                .then()
                .statusCode(200)
                .extract()
                .path("client_secret");

        // A restart with the configured secret keeps the rotation.
        assertThat(bootstrap.ensure(id, configured, false)).isEqualTo(AdminClientBootstrap.Outcome.KEPT_API_ROTATION);
        formToken(id, configured).then().statusCode(401);
        String admin = token(id, rotated);
        given().auth().oauth2(admin).get(CLIENTS).then().statusCode(200);

        // The documented reset forces the configured secret and revokes the rotated secret's tokens.
        assertThat(bootstrap.ensure(id, configured, true)).isEqualTo(AdminClientBootstrap.Outcome.REPLACED);
        formToken(id, rotated).then().statusCode(401);
        given().auth().oauth2(token(id, configured)).get(CLIENTS).then().statusCode(200);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(
                        () -> given().auth().oauth2(admin).get(CLIENTS).then().statusCode(401));
    }

    private static void assertBadRequest(String admin, Map<String, Object> body, String message) {
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(body)
                .post(CLIENTS)
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"))
                .body("message", containsString(message));
    }

    private static Map<String, Object> row(String clientId) throws Exception {
        try (Connection db = SharedInfra.postgres().connect();
                PreparedStatement query = db.prepareStatement(
                        "SELECT roles::text AS roles, origin, secret_hash FROM query.api_client WHERE client_id = ?")) {
            query.setString(1, clientId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                return Map.of(
                        "roles", row.getString("roles"),
                        "origin", row.getString("origin"),
                        "secret_hash", row.getString("secret_hash"));
            }
        }
    }

    /** The kid of the test key pair (its public key's thumbprint). */
    static String testKid() {
        try {
            return io.openjims.support.jwt.KeyIds.of(io.smallrye.jwt.util.KeyUtils.readPublicKey("jwt/publicKey.pem"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

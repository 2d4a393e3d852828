package io.openjims.collector.ingest.clients;

import static io.openjims.collector.ingest.IngestTestSupport.adminToken;
import static io.openjims.collector.ingest.IngestTestSupport.createClient;
import static io.openjims.collector.ingest.IngestTestSupport.randomIp;
import static io.openjims.collector.ingest.IngestTestSupport.token;
import static io.openjims.collector.ingest.IngestTestSupport.uniqueUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.openjims.collector.ingest.clients.repository.IngestClientEntity;
import io.openjims.collector.ingest.clients.repository.IngestClientRepository;
import io.openjims.collector.ingest.clients.service.CredentialHasher;
import io.openjims.collector.ingest.xml.XmlSamples;
import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Ingest clients through the admin API, stored in PostgreSQL with only hashes of their secrets. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class IngestClientAdminTest {

    private static final String PATH = "/api/admin/ingest-clients";
    private static final String SRX = "/api/userfw/v1/post-entry";

    @Inject
    IngestClientRepository repository;

    @Test
    void createdSecretsAreShownOnceAndStoredOnlyAsHashes() throws Throwable {
        String name = uniqueUser("packetfence");
        JsonPath created = createClient(name);
        String clientId = created.getString("client_id");
        String secret = created.getString("client_secret");
        String apiKey = created.getString("api_key");
        assertThat(created.getString("name")).isEqualTo(name);
        assertThat(clientId).startsWith("ic-");
        assertThat(secret).hasSizeGreaterThanOrEqualTo(32);
        assertThat(apiKey).matches("[A-Za-z0-9_-]{40,}");

        IngestClientEntity stored =
                VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> repository.findById(clientId)));
        // Generated secrets are 238-bit random: a fast hash stores them safely (no PBKDF2 cost to abuse).
        assertThat(stored.secretHash)
                .startsWith("sha256$")
                .doesNotContain(secret)
                .hasSize(7 + 64);
        assertThat(stored.apiKeyHash).doesNotContain(apiKey).hasSize(64);
        assertThat(apiKey).startsWith(stored.apiKeyPrefix);

        List<Map<String, Object>> listed = given().auth()
                .oauth2(adminToken())
                .get(PATH)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        Map<String, Object> mine = listed.stream()
                .filter(client -> clientId.equals(client.get("client_id")))
                .findFirst()
                .orElseThrow();
        assertThat(mine).containsEntry("name", name).doesNotContainKeys("client_secret", "api_key");
        assertThat(mine.toString()).doesNotContain(secret).doesNotContain(apiKey);

        given().auth().oauth2(adminToken()).delete(PATH + "/" + clientId).then().statusCode(204);
        given().auth()
                .oauth2(adminToken())
                .delete(PATH + "/" + clientId)
                .then()
                .statusCode(404)
                .body("error", equalTo("not_found"));
    }

    @Test
    void badRequestsDuplicatesAndNonAdminsAreRefused() {
        String name = uniqueUser("ise");
        createClient(name);
        given().auth()
                .oauth2(adminToken())
                .contentType("application/json")
                .body(Map.of("name", name))
                .post(PATH)
                .then()
                .statusCode(409)
                .body("error", equalTo("conflict"));
        given().auth()
                .oauth2(adminToken())
                .contentType("application/json")
                .body("{\"name\": ")
                .post(PATH)
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_json"));
        given().auth()
                .oauth2(adminToken())
                .contentType("application/json")
                .body("{\"name\": \"  \"}")
                .post(PATH)
                .then()
                .statusCode(400)
                .body("message", equalTo("name is required"));
        given().auth()
                .oauth2(token("pusher", "ingest"))
                .contentType("application/json")
                .body(Map.of("name", "x"))
                .post(PATH)
                .then()
                .statusCode(403);
        given().get(PATH).then().statusCode(401);
    }

    /**
     * A secret stored by an earlier version as PBKDF2 still verifies and is re-stored as SHA-256 on success; a hundred
     * concurrent wrong secrets are all refused and the service keeps answering the right one.
     */
    @Test
    void legacySecretsAreUpgradedAndParallelWrongSecretsAreCheap() throws Throwable {
        JsonPath created = createClient(uniqueUser("legacy"));
        String clientId = created.getString("client_id");
        String secret = created.getString("client_secret");
        String legacy = CredentialHasher.pbkdf2(secret);
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                () -> repository.update("secretHash = ?1 where clientId = ?2", legacy, clientId)));

        String body = XmlSamples.srxEntries("legacy-u1", randomIp(), "legacy-u2", randomIp());
        assertThat(srxPost(clientId, secret, body)).isEqualTo(200);
        IngestClientEntity upgraded =
                VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> repository.findById(clientId)));
        assertThat(upgraded.secretHash).isEqualTo("sha256$" + CredentialHasher.sha256Hex(secret));

        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<CompletableFuture<Integer>> guesses = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String guess = secret.substring(0, 39) + (char) ('a' + i % 26);
                String wrong = guess.equals(secret) ? guess + "x" : guess;
                guesses.add(CompletableFuture.supplyAsync(() -> srxPost(clientId, wrong, body), pool));
            }
            for (CompletableFuture<Integer> g : guesses) {
                assertThat(g.get(60, TimeUnit.SECONDS)).isEqualTo(401);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(srxPost(clientId, secret, body)).isEqualTo(200);
    }

    @Test
    void lastSeenAtIsRecordedOnAuthenticatedRequestsOnlyAndListed() {
        JsonPath created = createClient(uniqueUser("seen"));
        String clientId = created.getString("client_id");
        String secret = created.getString("client_secret");
        assertThat(listed(clientId)).containsEntry("last_seen_at", null);
        String body = XmlSamples.srxEntries("seen-u1", randomIp(), "seen-u2", randomIp());
        assertThat(srxPost(clientId, secret + "x", body)).isEqualTo(401);
        // A failed authentication is no sighting: still never seen after a flush.
        await().pollDelay(Duration.ofSeconds(6))
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(listed(clientId)).containsEntry("last_seen_at", null));
        Instant before = Instant.now().minusSeconds(1);
        assertThat(srxPost(clientId, secret, body)).isEqualTo(200);
        String seen = await().atMost(Duration.ofSeconds(20))
                .until(() -> (String) listed(clientId).get("last_seen_at"), value -> value != null);
        assertThat(Instant.parse(seen)).isAfter(before).isBefore(Instant.now().plusSeconds(1));
        // Within the resolution (60 s) further requests write nothing more.
        assertThat(srxPost(clientId, secret, body)).isEqualTo(200);
        await().pollDelay(Duration.ofSeconds(6))
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(listed(clientId)).containsEntry("last_seen_at", seen));
    }

    @Test
    void rotateReplacesSecretAndApiKeyAndTheOldOnesStopWorking() {
        JsonPath created = createClient(uniqueUser("rotate"));
        String clientId = created.getString("client_id");
        String oldSecret = created.getString("client_secret");
        String oldKey = created.getString("api_key");
        String body = XmlSamples.srxEntries("rot-u1", randomIp(), "rot-u2", randomIp());
        // Both old credentials work (and are now cached) before the rotation.
        assertThat(srxPost(clientId, oldSecret, body)).isEqualTo(200);
        assertThat(panPost(oldKey)).isEqualTo(200);

        JsonPath rotated = given().auth()
                .oauth2(adminToken())
                .post(PATH + "/" + clientId + "/secret")
                .then()
                .statusCode(200)
                .body("client_id", equalTo(clientId))
                .body("name", equalTo(created.getString("name")))
                .extract()
                .jsonPath();
        String newSecret = rotated.getString("client_secret");
        String newKey = rotated.getString("api_key");
        assertThat(newSecret).hasSize(40).isNotEqualTo(oldSecret);
        assertThat(newKey).hasSize(52).isNotEqualTo(oldKey);

        assertThat(srxPost(clientId, oldSecret, body)).isEqualTo(401);
        assertThat(panPost(oldKey)).isEqualTo(403);
        assertThat(srxPost(clientId, newSecret, body)).isEqualTo(200);
        assertThat(panPost(newKey)).isEqualTo(200);
        assertThat(listed(clientId)).containsEntry("api_key_prefix", newKey.substring(0, 12));
        assertThat(listed(clientId).toString()).doesNotContain(newSecret).doesNotContain(newKey);

        given().auth()
                .oauth2(adminToken())
                .post(PATH + "/ic-nosuchclient/secret")
                .then()
                .statusCode(404)
                .body("error", equalTo("not_found"));
        given().auth()
                .oauth2(token("pusher", "ingest"))
                .post(PATH + "/" + clientId + "/secret")
                .then()
                .statusCode(403);
        assertThat(srxPost(clientId, newSecret, body)).isEqualTo(200);
    }

    private static int panPost(String key) {
        return given().contentType("application/x-www-form-urlencoded")
                .formParam("type", "user-id")
                .formParam("key", key)
                .formParam("cmd", XmlSamples.uidMessage("corp\\rot-p1", randomIp(), "corp\\rot-p2", randomIp()))
                .post("/api/")
                .statusCode();
    }

    private static Map<String, Object> listed(String clientId) {
        List<Map<String, Object>> all = given().auth()
                .oauth2(adminToken())
                .get(PATH)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        return all.stream()
                .filter(client -> clientId.equals(client.get("client_id")))
                .findFirst()
                .orElseThrow();
    }

    private static int srxPost(String clientId, String secret, String body) {
        return given().auth()
                .preemptive()
                .basic(clientId, secret)
                .body(body)
                .post(SRX)
                .statusCode();
    }
}

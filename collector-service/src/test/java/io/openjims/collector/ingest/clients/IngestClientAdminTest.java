package io.openjims.collector.ingest.clients;

import static io.openjims.collector.ingest.IngestTestSupport.adminToken;
import static io.openjims.collector.ingest.IngestTestSupport.createClient;
import static io.openjims.collector.ingest.IngestTestSupport.token;
import static io.openjims.collector.ingest.IngestTestSupport.uniqueUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.openjims.collector.ingest.clients.repository.IngestClientEntity;
import io.openjims.collector.ingest.clients.repository.IngestClientRepository;
import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ingest clients through the admin API, stored in PostgreSQL with only hashes of their secrets. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = true)
class IngestClientAdminTest {

    private static final String PATH = "/api/admin/ingest-clients";

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
        assertThat(stored.secretHash).startsWith("pbkdf2-sha256$").doesNotContain(secret);
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
}

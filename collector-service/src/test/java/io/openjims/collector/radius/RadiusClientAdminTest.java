package io.openjims.collector.radius;

import static io.openjims.collector.ingest.IngestTestSupport.adminToken;
import static io.openjims.collector.ingest.IngestTestSupport.token;
import static io.openjims.devinfra.ErrorContract.as;
import static io.openjims.devinfra.ErrorContract.assertError;
import static io.openjims.devinfra.ErrorContract.assertSecurity;
import static org.assertj.core.api.Assertions.assertThat;

import io.openjims.collector.radius.repository.RadiusClientEntity;
import io.openjims.collector.radius.repository.RadiusClientRepository;
import io.openjims.collector.radius.service.RadiusSecrets;
import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** The RADIUS clients admin API over real HTTPS and PostgreSQL: validation, conflicts, secrets never shown. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RadiusClientAdminTest {

    private static final String PATH = "/api/admin/radius-clients";

    @Inject
    RadiusClientRepository repository;

    @Inject
    RadiusSecrets secrets;

    private static String uniqueName() {
        return "nas-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String documentationAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.51." + random.nextInt(100, 200) + "." + random.nextInt(1, 255);
    }

    private static Response post(Map<String, Object> body) {
        return as(adminToken()).contentType("application/json").body(body).post(PATH);
    }

    @Test
    void aClientIsCreatedReadReplacedAndDeletedAndItsSecretIsNeverShownButStoredEncrypted() throws Throwable {
        String name = uniqueName();
        String secret = "s3cret-" + UUID.randomUUID();
        Response created = post(Map.of(
                "name",
                name,
                "address",
                "2001:DB8:0:0::"
                        + Integer.toHexString(ThreadLocalRandom.current().nextInt(1, 65535)),
                "secret",
                secret,
                "domain",
                "EXAMPLE",
                "trust_asserted_roles",
                true));
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        assertThat(created.asString()).doesNotContain(secret).doesNotContain("secret\"");
        JsonPath json = created.jsonPath();
        String id = json.getString("id");
        assertThat(id).startsWith("rc-");
        assertThat(json.getString("name")).isEqualTo(name);
        assertThat(json.getString("address")).startsWith("2001:db8::");
        assertThat(json.getString("domain")).isEqualTo("EXAMPLE");
        assertThat(json.getBoolean("trust_asserted_roles")).isTrue();
        assertThat(json.getList("domains")).isEmpty();

        RadiusClientEntity stored = entity(id);
        assertThat(new String(stored.secretEnc, StandardCharsets.ISO_8859_1)).doesNotContain(secret);
        assertThat(secrets.decrypt(stored.secretEnc, id)).isEqualTo(secret);

        Response one = as(adminToken()).get(PATH + "/" + id);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.asString()).doesNotContain(secret);
        assertThat(as(adminToken()).get(PATH).jsonPath().getList("id")).contains(id);

        // Replaced without a secret: the stored secret stays; with one: it changes.
        Response replaced = as(adminToken())
                .contentType("application/json")
                .body(Map.of(
                        "name",
                        name + "-renamed",
                        "address",
                        "192.0.2.0/24",
                        "domains",
                        List.of("example.com"),
                        "address_ranges",
                        List.of("10.20.0.0/16")))
                .put(PATH + "/" + id);
        assertThat(replaced.statusCode()).as(replaced.asString()).isEqualTo(200);
        assertThat(replaced.jsonPath().getString("name")).isEqualTo(name + "-renamed");
        assertThat(replaced.jsonPath().getString("address")).isEqualTo("192.0.2.0/24");
        assertThat(replaced.jsonPath().getString("domain")).isNull();
        assertThat(replaced.jsonPath().getList("domains")).containsExactly("example.com");
        assertThat(replaced.jsonPath().getList("address_ranges")).containsExactly("10.20.0.0/16");
        assertThat(replaced.jsonPath().getBoolean("trust_asserted_roles")).isFalse();
        assertThat(secrets.decrypt(entity(id).secretEnc, id)).isEqualTo(secret);
        Map<String, Object> withSecret =
                Map.of("name", name + "-renamed", "address", "192.0.2.0/24", "secret", "another-secret-1");
        assertThat(as(adminToken())
                        .contentType("application/json")
                        .body(withSecret)
                        .put(PATH + "/" + id)
                        .statusCode())
                .isEqualTo(200);
        assertThat(secrets.decrypt(entity(id).secretEnc, id)).isEqualTo("another-secret-1");

        assertThat(as(adminToken()).delete(PATH + "/" + id).statusCode()).isEqualTo(204);
        assertError(as(adminToken()).get(PATH + "/" + id), 404, "not_found");
        assertError(as(adminToken()).delete(PATH + "/" + id), 404, "not_found");
        assertError(
                as(adminToken())
                        .contentType("application/json")
                        .body(withSecret)
                        .put(PATH + "/" + id),
                404,
                "not_found");
    }

    @Test
    void badInputGetsTheStandardErrorBodyNamingTheField() {
        Map<String, Object> good =
                Map.of("name", uniqueName(), "address", documentationAddress(), "secret", "0123456789");
        assertThat(message(without(good, "name"))).contains("name");
        assertThat(message(without(good, "address"))).contains("address");
        assertThat(message(without(good, "secret"))).contains("secret");
        assertThat(message(with(good, "address", "not-an-ip"))).contains("address");
        assertThat(message(with(good, "address", "10.0.0.0/33"))).contains("prefix length");
        assertThat(message(with(good, "address", "10.0.0.1/8"))).contains("host bits");
        assertThat(message(with(good, "address", "nas.example.com"))).contains("not an IP address");
        assertThat(message(with(good, "secret", "short"))).contains("secret");
        assertThat(message(with(good, "secret", "with\u0000nul-byte"))).contains("secret");
        assertThat(message(with(good, "name", "tab\there"))).contains("name");
        assertThat(message(with(good, "domain", "bad\u0001domain"))).contains("domain");
        assertThat(message(with(good, "domains", "example.com"))).contains("domains");
        assertThat(message(with(good, "address_ranges", List.of("10.0.0.0/99"))))
                .contains("address_ranges");
        assertThat(message(with(good, "trust_asserted_roles", "yes"))).contains("trust_asserted_roles");
        assertThat(message(with(good, "name", 42))).contains("name");
        assertError(
                as(adminToken())
                        .contentType("application/json")
                        .body("{\"name\": ")
                        .post(PATH),
                400,
                "invalid_json");
    }

    @Test
    void namesAndAddressesAreUniqueAndAddressesCanonical() {
        String name = uniqueName();
        String address = documentationAddress();
        Response first = post(Map.of("name", name, "address", "::ffff:" + address, "secret", "0123456789"));
        assertThat(first.statusCode()).as(first.asString()).isEqualTo(201);
        assertThat(first.jsonPath().getString("address")).isEqualTo(address);
        assertError(
                post(Map.of("name", name.toUpperCase(), "address", documentationAddress(), "secret", "0123456789")),
                409,
                "conflict");
        assertError(post(Map.of("name", uniqueName(), "address", address, "secret", "0123456789")), 409, "conflict");
    }

    @Test
    void onlyAdminsManageRadiusClients() {
        assertSecurity("GET", PATH, token("pusher", "ingest"));
        assertSecurity("POST", PATH, token("reader", "srx"));
    }

    private static String message(Map<String, Object> body) {
        Map<String, Object> error = assertError(post(body), 400, "invalid_request");
        return String.valueOf(error.get("message"));
    }

    private static Map<String, Object> without(Map<String, Object> body, String field) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.remove(field);
        return copy;
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put(field, value);
        return copy;
    }

    private RadiusClientEntity entity(String id) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> repository.findById(id)));
    }
}

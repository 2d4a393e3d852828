package io.openjims.collector.ingest;

import static io.openjims.collector.ingest.IngestTestSupport.adminToken;
import static io.openjims.collector.ingest.IngestTestSupport.createClient;
import static io.openjims.collector.ingest.IngestTestSupport.readEvents;
import static io.openjims.collector.ingest.IngestTestSupport.uniqueUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.micrometer.core.instrument.MeterRegistry;
import io.openjims.collector.ingest.xml.XmlSamples;
import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.devinfra.SharedInfra;
import io.openjims.model.IdentityEvent;
import io.openjims.model.Topics;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Producer scopes: an ingest client (or token) limited to domains and address ranges, asserted roles dropped. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class IngestScopeTest {

    @Inject
    MeterRegistry registry;

    private double count(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void eventsOutsideTheClientsScopeAreRejectedPerEntryCountedAndRolesDropped() {
        JsonPath client = createClient(Map.of(
                "name", uniqueUser("scoped"),
                "domains", List.of("Example.com", "CORP"),
                "address_ranges", List.of("10.200.0.0/16", "2001:db8:200::/48")));
        assertThat(client.getList("domains")).containsExactly("example.com", "corp");
        assertThat(client.getBoolean("trust_asserted_roles")).isFalse();
        double outsideBefore =
                count("openjims.collector.ingest.out.of.scope", "format", "srx-webapi", "reason", "address");
        double droppedBefore = count("openjims.collector.ingest.roles.dropped", "format", "srx-webapi");

        String alice = uniqueUser("alice");
        String bob = uniqueUser("bob");
        given().auth()
                .preemptive()
                .basic(client.getString("client_id"), client.getString("client_secret"))
                .contentType("application/xml")
                .body(XmlSamples.srxEntries(alice, "10.200.1.1", bob, "10.9.9.9"))
                .post("/api/userfw/v1/post-entry")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(1))
                .body("rejected[0].index", equalTo(1))
                .body("rejected[0].error", containsString("outside this producer's address_ranges"));
        IdentityEvent logon = readEvents(
                        SharedInfra.kafkaBootstrapServers(),
                        Topics.EVENTS,
                        e -> e.user().equals(alice),
                        1,
                        Duration.ofSeconds(30))
                .get(0)
                .value();
        assertThat(logon.roles()).isNull(); // the client may not assert roles
        assertThat(logon.source().site()).isNotBlank();
        assertThat(count("openjims.collector.ingest.out.of.scope", "format", "srx-webapi", "reason", "address"))
                .isEqualTo(outsideBefore + 1);
        assertThat(count("openjims.collector.ingest.roles.dropped", "format", "srx-webapi"))
                .isEqualTo(droppedBefore + 1);

        // PAN: CORP\carol is in scope, other\dave is not.
        String carol = uniqueUser("carol");
        String cmd = XmlSamples.uidMessage("CORP\\" + carol, "10.200.2.2", "other\\dave", "10.200.2.3");
        String answer = given().contentType("application/x-www-form-urlencoded")
                .body("type=user-id&cmd=" + URLEncoder.encode(cmd, StandardCharsets.UTF_8) + "&key="
                        + client.getString("api_key"))
                .post("/api/")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(answer)
                .contains("<accepted>1</accepted>")
                .contains("is outside this producer")
                .doesNotContain(carol);
        assertThat(readEvents(
                        SharedInfra.kafkaBootstrapServers(),
                        Topics.EVENTS,
                        e -> e.user().equals(carol),
                        1,
                        Duration.ofSeconds(30)))
                .hasSize(1);
    }

    @Test
    void aTrustedClientKeepsItsRolesAndBadScopesAreRefused() {
        JsonPath trusted = createClient(Map.of("name", uniqueUser("trusted"), "trust_asserted_roles", true));
        String erin = uniqueUser("erin");
        given().auth()
                .preemptive()
                .basic(trusted.getString("client_id"), trusted.getString("client_secret"))
                .contentType("application/xml")
                .body(XmlSamples.srxEntries(erin, "10.201.1.1", uniqueUser("x"), "10.201.1.2"))
                .post("/api/userfw/v1/post-entry")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(2));
        assertThat(readEvents(
                                SharedInfra.kafkaBootstrapServers(),
                                Topics.EVENTS,
                                e -> e.user().equals(erin),
                                1,
                                Duration.ofSeconds(30))
                        .get(0)
                        .value()
                        .roles())
                .containsExactly("contractors", "wifi-guests");

        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("name", uniqueUser("bad"), "address_ranges", List.of("10.0.0.0/33")),
                Map.of("name", uniqueUser("bad"), "domains", "example.com"),
                Map.of("name", uniqueUser("bad"), "trust_asserted_roles", "yes"))) {
            given().auth()
                    .oauth2(adminToken())
                    .contentType("application/json")
                    .body(bad)
                    .post("/api/admin/ingest-clients")
                    .then()
                    .statusCode(400)
                    .body("error", equalTo("invalid_request"));
        }
        given().auth()
                .oauth2(adminToken())
                .get("/api/admin/ingest-clients")
                .then()
                .statusCode(200)
                .body(
                        "find { it.client_id == '" + trusted.getString("client_id") + "' }.trust_asserted_roles",
                        equalTo(true));
    }

    @Test
    void aTokenWithADomainsClaimIngestsOnlyThoseDomains() throws Exception {
        String token = Jwt.issuer("openjims")
                .audience("openjims-collector")
                .subject("json-scoped")
                .upn("json-scoped")
                .groups(Set.of("ingest"))
                .claim("domains", List.of("example.com"))
                .expiresIn(600)
                .jws()
                .keyId(testKid())
                .algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256)
                .sign(KeyUtils.readPrivateKey("jwt/privateKey.pem"));
        String frank = uniqueUser("frank");
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("""
                        [{"operation":"logon","ip":"10.202.0.1","user":"%s","domain":"example.com"},
                         {"operation":"logon","ip":"10.202.0.2","user":"%s","domain":"evil.example"}]
                        """.formatted(frank, uniqueUser("mallory")))
                .post("/api/v1/identity-events")
                .then()
                .statusCode(202)
                .body("accepted", equalTo(1))
                .body("rejected[0].index", equalTo(1))
                .body("rejected[0].error", containsString("domain 'evil.example' is outside"));
        assertThat(readEvents(
                        SharedInfra.kafkaBootstrapServers(),
                        Topics.EVENTS,
                        e -> e.user().equals(frank),
                        1,
                        Duration.ofSeconds(30)))
                .hasSize(1);
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

package io.openjims.query.batch;

import static io.openjims.query.view.ViewTestSupport.now;
import static io.openjims.query.view.ViewTestSupport.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.model.DirectoryObject;
import io.openjims.model.EventSource;
import io.openjims.model.IdentityEvent;
import io.openjims.model.Operation;
import io.openjims.model.SessionState;
import io.openjims.query.relay.SessionRelayTest;
import io.openjims.query.view.ViewDb;
import io.openjims.query.view.ViewTestSupport;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two directories read by two collector sites share the NetBIOS name SCOPE and the same group DN: each site's
 * {@code SCOPE\\user} lands in its own DNS domain, groups never cross domains, an event from an unknown site stays
 * unresolved, and a client limited to one domain never sees the other's sessions (what push-service's tenants read
 * from identity.sessions and what SRX clients query).
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DomainScopeTest {

    private static final String A = "scope-a.example";
    private static final String B = "scope-b.example";
    private static final String SHARED_GROUP_DN = "CN=Staff,OU=Groups,DC=scope,DC=local";

    @Inject
    AgroalDataSource ds;

    @Test
    void sharedNetbiosNameResolvesWithinTheProducingSiteAndClientsSeeOnlyTheirDomains() {
        try (var dir = ViewTestSupport.directoryProducer()) {
            ViewTestSupport.sendDirectory(
                    dir,
                    ViewTestSupport.domainObject(A, List.of("SCOPE")).withSite("site-a"),
                    ViewTestSupport.domainObject(B, List.of("SCOPE")).withSite("site-b"),
                    group(A, "a-staff"),
                    group(B, "b-staff"),
                    ViewTestSupport.user(A, "alice", List.of(SHARED_GROUP_DN), null),
                    ViewTestSupport.user(B, "bob", List.of(SHARED_GROUP_DN), null));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        ViewDb.count(ds, "SELECT count(*) FROM query.domain_alias WHERE alias = 'scope' AND site <> ''")
                                == 2);
        Instant at = now();
        try (var events = ViewTestSupport.eventProducer()) {
            ViewTestSupport.sendAll(
                    events,
                    List.of(
                            logon("10.77.0.1", "SCOPE\\alice", "site-a", at),
                            logon("10.77.0.2", "SCOPE\\bob", "site-b", at),
                            logon("10.77.0.3", "SCOPE\\carol", null, at)));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ViewDb.count(ds, "SELECT count(*) FROM query.session WHERE ip LIKE '10.77.0.%'") == 3);

        Map<String, Object> alice = session("10.77.0.1");
        Map<String, Object> bob = session("10.77.0.2");
        assertThat(alice.get("domain")).isEqualTo(A);
        assertThat(alice.get("roles").toString()).isEqualTo("[a-staff]");
        assertThat(bob.get("domain")).isEqualTo(B);
        assertThat(bob.get("roles").toString()).isEqualTo("[b-staff]");
        assertThat(session("10.77.0.3").get("domain")).isEqualTo("scope"); // ambiguous: no tenant's domain

        // identity.sessions, what push-service filters by a tenant's domains.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<SessionState> published = sessionsOnTopic();
            assertThat(published)
                    .filteredOn(s -> A.equals(s.domain()))
                    .extracting(SessionState::user)
                    .containsExactly("alice");
            assertThat(published)
                    .filteredOn(s -> B.equals(s.domain()))
                    .extracting(SessionState::user)
                    .containsExactly("bob");
        });

        // An SRX client limited to A: the domains claim comes from the client through the token endpoint.
        String srx = limitedClientToken(A);
        assertThat(query(srx, Map.of("query", "ip", "ip", "10.77.0.1")).getList("items"))
                .hasSize(1);
        assertThat(query(srx, Map.of("query", "ip", "ip", "10.77.0.2")).getList("items"))
                .isEmpty();
        assertThat(query(srx, Map.of("query", "ip", "ip", "10.77.0.3")).getList("items"))
                .isEmpty();
        assertThat(query(srx, Map.of("query", "user", "domain", "SCOPE", "user", "bob"))
                        .getList("items"))
                .isEmpty();
        assertThat(query(srx, Map.of("query", "user", "domain", "SCOPE", "user", "alice"))
                        .getList("items.ip"))
                .containsExactly("10.77.0.1");
        assertThat(batchDomains(srx, Map.of("query", "batch", "max_items", 1000)))
                .isNotEmpty()
                .containsOnly(A);
        assertThat(batchDomains(
                        srx, Map.of("query", "batch", "max_items", 1000, "filter", Map.of("domains", List.of(B)))))
                .isEmpty();
        // An unrestricted client still sees both.
        String all = token("srx-unrestricted", "srx");
        assertThat(query(all, Map.of("query", "ip", "ip", "10.77.0.2")).getList("items"))
                .hasSize(1);
    }

    private static DirectoryObject group(String domain, String name) {
        DirectoryObject g = ViewTestSupport.group(domain, name, List.of());
        return new DirectoryObject(
                g.id(),
                g.schema(),
                g.kind(),
                g.domain(),
                g.guid(),
                SHARED_GROUP_DN,
                g.name(),
                g.upn(),
                g.displayName(),
                g.memberOf(),
                g.groups(),
                g.aliases(),
                g.os(),
                g.disabled(),
                g.changedAt(),
                g.changeMarker());
    }

    private static IdentityEvent logon(String ip, String user, String site, Instant at) {
        return new IdentityEvent(
                UUID.randomUUID().toString(),
                IdentityEvent.SCHEMA_VERSION,
                Operation.LOGON,
                ip,
                null,
                user,
                null,
                null,
                null,
                null,
                new EventSource("collector-" + site, "syslog", "10.0.0.5", site),
                at,
                at);
    }

    private Map<String, Object> session(String ip) {
        return ViewDb.query(ds, "SELECT domain, user_name, roles FROM query.session WHERE ip = '" + ip + "'")
                .get(0);
    }

    private static String limitedClientToken(String domain) {
        Map<?, ?> client = given().auth()
                .oauth2(token("scope-admin", "admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("name", "srx-scoped", "roles", List.of("srx"), "domains", List.of(domain.toUpperCase())))
                .post("/api/admin/clients")
                .then()
                .statusCode(201)
                .extract()
                .as(Map.class);
        assertThat(client.get("domains")).isEqualTo(List.of(domain));
        return given().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", client.get("client_id"))
                .formParam("client_secret", client.get("client_secret"))
                .post("/api/oauth_token/oauth")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    private static JsonPath query(String token, Map<String, Object> body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post(SrxQueryApiTest.PATH)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static List<String> batchDomains(String token, Map<String, Object> body) {
        List<String> domains = query(token, body).getList("items.domain");
        return domains.stream().filter(d -> d != null && d.startsWith("scope")).toList();
    }

    private static List<SessionState> sessionsOnTopic() {
        return SessionRelayTest.readSessionsTopic().entrySet().stream()
                .filter(e -> e.getKey().startsWith("10.77.0."))
                .map(Map.Entry::getValue)
                .toList();
    }
}

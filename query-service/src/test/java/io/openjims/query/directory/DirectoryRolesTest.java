package io.openjims.query.directory;

import static io.openjims.query.view.ViewTestSupport.group;
import static io.openjims.query.view.ViewTestSupport.groupDn;
import static io.openjims.query.view.ViewTestSupport.logon;
import static io.openjims.query.view.ViewTestSupport.now;
import static io.openjims.query.view.ViewTestSupport.token;
import static io.openjims.query.view.ViewTestSupport.user;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.model.Operation;
import io.openjims.query.view.ViewDb;
import io.openjims.query.view.ViewTestSupport;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** identity.directory → users, groups and aliases; session roles follow group changes. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DirectoryRolesTest {

    @Inject
    AgroalDataSource ds;

    private static List<String> rolesAt(String ip) {
        List<List<String>> roles = given().auth()
                .oauth2(token("srx-dir", "srx"))
                .contentType(ContentType.JSON)
                .body(Map.of("query", "ip", "ip", ip))
                .post("/api/user_query/v2")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.roles");
        return roles.isEmpty() ? null : roles.get(0);
    }

    @Test
    void resolvedGroupsBecomeRolesAndAGroupChangeRewritesEverySessionOfTheUser() {
        String domain = "dir.example";
        try (var d = ViewTestSupport.directoryProducer()) {
            ViewTestSupport.sendDirectory(
                    d,
                    ViewTestSupport.domainObject(domain, List.of("DIRNB")),
                    user(domain, "alice", List.of(groupDn(domain, "Sales")), List.of("Sales", "Domain Users")));
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        ViewDb.count(ds, "SELECT count(*) FROM query.directory_object WHERE domain = ?", domain) == 2);
        Instant t = now().minusSeconds(5);
        try (var p = ViewTestSupport.eventProducer()) {
            ViewTestSupport.sendAll(
                    p,
                    List.of(
                            ViewTestSupport.event(
                                    Operation.LOGON, "10.13.0.1", "DIRNB", "ALICE", t, null, List.of("VPN-Users")),
                            logon("10.13.0.2", "dir.example", "alice", t)));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(rolesAt("10.13.0.1")).containsExactly("domain users", "sales", "vpn-users");
            assertThat(rolesAt("10.13.0.2")).containsExactly("domain users", "sales");
        });
        assertThat(ViewDb.active(ds, "10.13.0.1").get("domain")).isEqualTo(domain);

        try (var d = ViewTestSupport.directoryProducer()) {
            ViewTestSupport.sendDirectory(d, user(domain, "alice", List.of(), List.of("Engineering", "Domain Users")));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(rolesAt("10.13.0.1")).containsExactly("domain users", "engineering", "vpn-users");
            assertThat(rolesAt("10.13.0.2")).containsExactly("domain users", "engineering");
        });
        // Each session got one new change carrying the new roles.
        assertThat(ViewDb.changes(ds, "10.13.0.1")).containsExactly("logon:ALICE", "logon:ALICE");
        assertThat(ViewDb.changes(ds, "10.13.0.2")).containsExactly("logon:alice", "logon:alice");

        // The user is deleted (tombstone): only the producer's own roles remain.
        try (var d = ViewTestSupport.directoryProducer()) {
            ViewTestSupport.deleteDirectory(d, user(domain, "alice", null, null).key());
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(rolesAt("10.13.0.1")).containsExactly("vpn-users"));
    }

    @Test
    void withoutResolvedGroupsNestedMembershipIsResolvedHereEvenWithCycles() {
        String domain = "nest.example";
        try (var d = ViewTestSupport.directoryProducer()) {
            ViewTestSupport.sendDirectory(
                    d,
                    group(domain, "Eng", List.of(groupDn(domain, "All Staff"))),
                    group(domain, "All Staff", List.of(groupDn(domain, "Eng"))), // a cycle
                    group(domain, "Lab", List.of()),
                    user(domain, "bob", List.of(groupDn(domain, "Eng")), null));
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        ViewDb.count(ds, "SELECT count(*) FROM query.directory_object WHERE domain = ?", domain) == 4);
        try (var p = ViewTestSupport.eventProducer()) {
            ViewTestSupport.send(p, logon("10.13.1.1", domain, "bob", now().minusSeconds(2)));
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(rolesAt("10.13.1.1")).containsExactly("all staff", "eng"));

        // A group gains a parent: bob's session gets the new role through nesting.
        try (var d = ViewTestSupport.directoryProducer()) {
            ViewTestSupport.sendDirectory(
                    d, group(domain, "All Staff", List.of(groupDn(domain, "Eng"), groupDn(domain, "Lab"))));
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(rolesAt("10.13.1.1")).containsExactly("all staff", "eng", "lab"));
        assertThat(ViewDb.changes(ds, "10.13.1.1")).hasSize(2);
    }
}

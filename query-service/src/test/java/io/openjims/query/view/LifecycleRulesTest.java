package io.openjims.query.view;

import static io.openjims.query.view.ViewTestSupport.logoff;
import static io.openjims.query.view.ViewTestSupport.logon;
import static io.openjims.query.view.ViewTestSupport.now;
import static io.openjims.query.view.ViewTestSupport.sourced;
import static io.openjims.query.view.ViewTestSupport.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.model.Operation;
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
import org.junit.jupiter.api.Test;

/** Ignore rules, source precedence, provenance and IPv4-mapped addresses, through real Kafka and PostgreSQL. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class LifecycleRulesTest {

    @Inject
    AgroalDataSource ds;

    @Inject
    MeterRegistry registry;

    private static String admin() {
        return token("admin-lifecycle", "admin");
    }

    private static JsonPath explain(String ip) {
        return given().auth()
                .oauth2(admin())
                .get("/api/admin/sessions/" + ip + "/explain")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static String createRule(String kind, String pattern) {
        return given().auth()
                .oauth2(admin())
                .contentType(ContentType.JSON)
                .body(Map.of("kind", kind, "pattern", pattern, "description", "test"))
                .post("/api/admin/ignore-rules")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void ignoreRulesAreValidatedUniqueAndKeepMatchingLogonsOutOfTheView() {
        String user = createRule("user", "SVC-*");
        String address = createRule("address", "::ffff:10.16.9.0/24");
        try {
            given().auth()
                    .oauth2(admin())
                    .get("/api/admin/ignore-rules/" + address)
                    .then()
                    .statusCode(200)
                    .body("pattern", equalTo("10.16.9.0/24"))
                    .body("metric_rule", equalTo("address:10.16.9.0/24"));
            given().auth()
                    .oauth2(admin())
                    .contentType(ContentType.JSON)
                    .body(Map.of("kind", "user", "pattern", "svc-*"))
                    .post("/api/admin/ignore-rules")
                    .then()
                    .statusCode(409)
                    .body("error", equalTo("duplicate_rule"));
            for (String bad : List.of(
                    "{\"kind\": \"group\", \"pattern\": \"x\"}",
                    "{\"kind\": \"address\", \"pattern\": \"10.0.0.0/40\"}",
                    "{\"kind\": \"user\", \"pattern\": \"*\"}",
                    "{\"kind\": \"user\"}",
                    "[1]",
                    "{bad")) {
                given().auth()
                        .oauth2(admin())
                        .contentType(ContentType.JSON)
                        .body(bad)
                        .post("/api/admin/ignore-rules")
                        .then()
                        .statusCode(400)
                        .body("error", equalTo("invalid_request"));
            }
            given().auth()
                    .oauth2(token("srx-lifecycle", "srx"))
                    .get("/api/admin/ignore-rules")
                    .then()
                    .statusCode(403);

            double before = registry.counter("openjims.query.events.ignored", "rule", "user:svc-*")
                    .count();
            Instant t = now().minusSeconds(30);
            try (var p = ViewTestSupport.eventProducer()) {
                ViewTestSupport.sendAll(
                        p,
                        List.of(
                                logon("10.16.0.1", "example.com", "alice", t),
                                logon("10.16.0.1", "example.com", "svc-backup", t.plusSeconds(1)),
                                logon("10.16.9.7", "example.com", "bob", t),
                                logon("10.16.0.2", "example.com", "marker", t.plusSeconds(2))));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> ViewDb.active(ds, "10.16.0.2") != null);
            assertThat(ViewDb.active(ds, "10.16.0.1")).containsEntry("user_name", "alice");
            assertThat(ViewDb.active(ds, "10.16.9.7")).isNull();
            assertThat(registry.counter("openjims.query.events.ignored", "rule", "user:svc-*")
                                    .count()
                            - before)
                    .isEqualTo(1.0);
            JsonPath why = explain("10.16.0.1");
            assertThat(why.getString("user")).isEqualTo("alice");
            assertThat(why.getList("events.rule")).containsExactly("ignored", "accepted");
            assertThat(why.getString("events[0].detail")).isEqualTo("user:svc-*");
            assertThat(why.getString("events[0].source")).isEqualTo("syslog");
            assertThat(why.getString("events[0].collector")).isEqualTo("test-collector");
            assertThat(explain("10.16.9.7").getBoolean("active")).isFalse();

            given().auth()
                    .oauth2(admin())
                    .contentType(ContentType.JSON)
                    .body(Map.of("kind", "user", "pattern", "svc-*"))
                    .put("/api/admin/ignore-rules/" + address)
                    .then()
                    .statusCode(409);
            given().auth()
                    .oauth2(admin())
                    .contentType(ContentType.JSON)
                    .body(Map.of("kind", "address", "pattern", "10.16.8.0/24"))
                    .put("/api/admin/ignore-rules/" + address)
                    .then()
                    .statusCode(200)
                    .body("pattern", equalTo("10.16.8.0/24"));
        } finally {
            for (String id : List.of(user, address)) {
                given().auth()
                        .oauth2(admin())
                        .delete("/api/admin/ignore-rules/" + id)
                        .then()
                        .statusCode(204);
            }
        }
        given().auth()
                .oauth2(admin())
                .delete("/api/admin/ignore-rules/" + user)
                .then()
                .statusCode(404);
    }

    @Test
    void aWeakerSourceIsHeldWithinTheHoldTimeAndTheExplanationSaysSo() {
        String ip = "10.16.1.1";
        Instant t = now().minus(Duration.ofMinutes(30));
        double before = registry.counter("openjims.query.events.held", "source", "syslog")
                .count();
        try (var p = ViewTestSupport.eventProducer()) {
            ViewTestSupport.sendAll(
                    p,
                    List.of(
                            sourced("radius", Operation.LOGON, ip, "example.com", "alice", t, "S1"),
                            sourced("syslog", Operation.LOGON, ip, "example.com", "bob", t.plusSeconds(60), null),
                            // After the hold time (10 minutes by default) the weaker source replaces the entry.
                            sourced(
                                    "syslog",
                                    Operation.LOGON,
                                    ip,
                                    "example.com",
                                    "carol",
                                    t.plus(Duration.ofMinutes(11)),
                                    null)));
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(ViewDb.changes(ds, ip)).containsExactly("logon:alice", "logon:carol"));
        assertThat(registry.counter("openjims.query.events.held", "source", "syslog")
                                .count()
                        - before)
                .isEqualTo(1.0);
        JsonPath why = explain(ip);
        assertThat(why.getString("user")).isEqualTo("carol");
        assertThat(why.getString("source")).isEqualTo("syslog");
        assertThat(why.getList("events.rule")).containsExactly("replaced", "held", "accepted");
        assertThat(why.getString("events[1].user")).isEqualTo("bob");
        assertThat(why.getString("events[1].detail")).isEqualTo("held_by_radius");
        assertThat(why.getString("events[2].session_id")).isEqualTo("S1");
        given().auth()
                .oauth2(admin())
                .get("/api/admin/sessions/not-an-ip/explain")
                .then()
                .statusCode(400)
                .body("message", containsString("IPv4 or IPv6"));
    }

    @Test
    void aLogoffThatOvertookItsLogonLeavesNoSessionAndTheExplanationSaysWhy() {
        // Two collector replicas: the logoff reached Kafka before the logon it ends.
        String ip = "10.16.3.1";
        Instant t = now().minus(Duration.ofMinutes(5));
        try (var p = ViewTestSupport.eventProducer()) {
            ViewTestSupport.sendAll(
                    p,
                    List.of(logoff(ip, "example.com", "erin", t.plusSeconds(3)), logon(ip, "example.com", "erin", t)));
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(explain(ip).getList("events")).hasSize(2));
        JsonPath why = explain(ip);
        assertThat(why.getBoolean("active")).isFalse();
        assertThat(why.getList("events.operation")).containsExactly("logon", "logoff");
        assertThat(why.getList("events.rule")).containsExactly("unchanged", "unchanged");
        assertThat(why.getList("events.detail")).containsExactly("older", "no_session");
        assertThat(ViewDb.active(ds, ip)).isNull();
        assertThat(ViewDb.changes(ds, ip)).isEmpty();
    }

    @Test
    void ipv4MappedAddressesAreOneAddressInTheIpQueryAndTheBatchFilter() {
        Instant t = now().minusSeconds(20);
        String start = t.minusSeconds(1).toString();
        try (var p = ViewTestSupport.eventProducer()) {
            ViewTestSupport.send(p, logon("::ffff:10.16.2.1", "mapped.example", "dana", t));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> ViewDb.active(ds, "10.16.2.1") != null);
        for (String asked : List.of("::ffff:10.16.2.1", "::FFFF:a10:201", "10.16.2.1")) {
            given().auth()
                    .oauth2(token("srx-mapped", "srx"))
                    .contentType(ContentType.JSON)
                    .body(Map.of("query", "ip", "ip", asked))
                    .post("/api/user_query/v2")
                    .then()
                    .statusCode(200)
                    .body("items[0].ip", equalTo("10.16.2.1"))
                    .body("items[0].user", equalTo("dana"));
        }
        List<Map<String, Object>> included = batch(start, Map.of("include", List.of("::ffff:10.16.2.0/24")));
        assertThat(included).extracting(i -> i.get("ip")).containsExactly("10.16.2.1");
        assertThat(batch(start, Map.of("exclude", List.of("::ffff:10.16.2.1")))).isEmpty();
    }

    private static List<Map<String, Object>> batch(String start, Map<String, Object> filter) {
        Map<String, Object> f = new java.util.HashMap<>(filter);
        f.put("domains", List.of("mapped.example"));
        return given().auth()
                .oauth2(token("srx-mapped", "srx"))
                .contentType(ContentType.JSON)
                .body(Map.of("query", "batch", "timestamp", start, "filter", f))
                .post("/api/user_query/v2")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
    }
}

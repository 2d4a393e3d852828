package io.openjims.query.admin;

import static io.openjims.query.view.ViewTestSupport.event;
import static io.openjims.query.view.ViewTestSupport.logoff;
import static io.openjims.query.view.ViewTestSupport.logon;
import static io.openjims.query.view.ViewTestSupport.now;
import static io.openjims.query.view.ViewTestSupport.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

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
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Session expiry, the settings API, stats, session search and address history. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ExpiryAndAdminTest {

    @Inject
    AgroalDataSource ds;

    private static String admin() {
        return token("admin-test", "admin");
    }

    private static JsonPath get(String path, int status) {
        return given().auth()
                .oauth2(admin())
                .get(path)
                .then()
                .statusCode(status)
                .extract()
                .jsonPath();
    }

    @Test
    void expiredSessionsBecomeExpiryLogoffsAndAReLogonRestartsTheTimer() {
        Instant t = now();
        // The shortest timeout is 10 minutes: a logon dated 9m57s ago ends in about 3 s.
        Instant nearlyExpired = t.minusSeconds(597);
        String start = Instant.now().minusSeconds(1).toString();
        try (var p = ViewTestSupport.eventProducer()) {
            ViewTestSupport.sendAll(
                    p,
                    List.of(
                            event(Operation.LOGON, "10.15.0.1", "exp.example", "gone", nearlyExpired, 10, null),
                            event(Operation.LOGON, "10.15.0.2", "exp.example", "stays", nearlyExpired, 10, null),
                            event(Operation.LOGON, "10.15.0.2", "exp.example", "stays", t, 10, null)));
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(ViewDb.changes(ds, "10.15.0.1")).containsExactly("logon:gone", "logoff:gone"));
        assertThat(ViewDb.active(ds, "10.15.0.2")).isNotNull();
        assertThat(ViewDb.changes(ds, "10.15.0.2")).containsExactly("logon:stays");
        List<Map<String, Object>> items = given().auth()
                .oauth2(token("srx-exp", "srx"))
                .contentType(ContentType.JSON)
                .body(Map.of("query", "batch", "timestamp", start, "filter", Map.of("domains", List.of("exp.example"))))
                .post("/api/user_query/v2")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
        assertThat(items)
                .filteredOn(i -> "logoff".equals(i.get("operation")))
                .singleElement()
                .satisfies(i -> {
                    assertThat(i).containsEntry("source", "expiry").containsEntry("user", "gone");
                    assertThat(Instant.parse((String) i.get("timestamp"))).isEqualTo(nearlyExpired.plusSeconds(600));
                });
    }

    @Test
    void settingsAreValidatedAndMoveTheExpiryOfSessionsWithoutTheirOwnTimeout() {
        assertThat(get("/api/admin/settings", 200).getInt("session_timeout_minutes"))
                .isEqualTo(1440);
        for (String bad : List.of(
                "{\"session_timeout_minutes\": 9}",
                "{\"session_timeout_minutes\": 1}",
                "{\"session_timeout_minutes\": -1}",
                "{\"session_timeout_minutes\": 1441}",
                "{\"session_timeout_minutes\": 60, \"source_timeout_minutes\": {\"radius\": 5}}",
                "{\"session_timeout_minutes\": 60, \"source_timeout_minutes\": {\"carrier-pigeon\": 60}}",
                "{\"session_timeout_minutes\": 60, \"source_timeout_minutes\": [1]}",
                "{\"session_timeout_minutes\": \"ten\"}",
                "{}",
                "[1]",
                "{bad")) {
            given().auth()
                    .oauth2(admin())
                    .contentType(ContentType.JSON)
                    .body(bad)
                    .put("/api/admin/settings")
                    .then()
                    .statusCode(400)
                    .body("error", equalTo("invalid_request"))
                    .body("message", containsString("timeout_minutes"));
        }
        Instant t = now().minusSeconds(60);
        try (var p = ViewTestSupport.eventProducer()) {
            ViewTestSupport.send(p, logon("10.15.1.1", "settings.example", "s", t));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> ViewDb.active(ds, "10.15.1.1") != null);
        try {
            given().auth()
                    .oauth2(admin())
                    .contentType(ContentType.JSON)
                    .body("{\"session_timeout_minutes\": 30}")
                    .put("/api/admin/settings")
                    .then()
                    .statusCode(200)
                    .body("session_timeout_minutes", equalTo(30));
            assertThat(get("/api/admin/settings", 200).getInt("session_timeout_minutes"))
                    .isEqualTo(30);
            Timestamp expires = (Timestamp) ViewDb.active(ds, "10.15.1.1").get("expires_at");
            assertThat(expires.toInstant()).isEqualTo(t.plus(Duration.ofMinutes(30)));
            // 0 for its source kind: the session never expires; the SRX sees timeout 0.
            given().auth()
                    .oauth2(admin())
                    .contentType(ContentType.JSON)
                    .body("{\"session_timeout_minutes\": 30, \"source_timeout_minutes\": {\"syslog\": 0}}")
                    .put("/api/admin/settings")
                    .then()
                    .statusCode(200)
                    .body("source_timeout_minutes.syslog", equalTo(0));
            assertThat(ViewDb.active(ds, "10.15.1.1").get("expires_at")).isNull();
            given().auth()
                    .oauth2(token("srx-settings", "srx"))
                    .contentType(ContentType.JSON)
                    .body(Map.of("query", "ip", "ip", "10.15.1.1"))
                    .post("/api/user_query/v2")
                    .then()
                    .statusCode(200)
                    .body("items[0].user", equalTo("s"))
                    .body("items[0].timeout", equalTo(0));
            given().auth()
                    .oauth2(admin())
                    .contentType(ContentType.JSON)
                    .body("{\"session_timeout_minutes\": 0}")
                    .put("/api/admin/settings")
                    .then()
                    .statusCode(200)
                    .body("session_timeout_minutes", equalTo(0));
            try (var p = ViewTestSupport.eventProducer()) {
                ViewTestSupport.send(
                        p, logon("10.15.1.2", "settings.example", "forever", now().minus(Duration.ofDays(3))));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> ViewDb.active(ds, "10.15.1.2") != null);
            assertThat(ViewDb.active(ds, "10.15.1.2").get("expires_at")).isNull();
        } finally {
            given().auth()
                    .oauth2(admin())
                    .contentType(ContentType.JSON)
                    .body("{\"session_timeout_minutes\": 1440}")
                    .put("/api/admin/settings")
                    .then()
                    .statusCode(200);
        }
        given().auth()
                .oauth2(token("srx-only", "srx"))
                .get("/api/admin/settings")
                .then()
                .statusCode(403);
        given().get("/api/admin/stats").then().statusCode(401);
    }

    @Test
    void statsSessionSearchAndHistory() {
        String domain = "adm.example";
        try (var d = ViewTestSupport.directoryProducer()) {
            ViewTestSupport.sendDirectory(
                    d,
                    ViewTestSupport.domainObject(domain, List.of("ADM")),
                    ViewTestSupport.user(domain, "ann", List.of(), List.of("Ops")),
                    ViewTestSupport.group(domain, "Ops", List.of()));
        }
        Instant t = now().minusSeconds(100);
        try (var p = ViewTestSupport.eventProducer()) {
            ViewTestSupport.sendAll(
                    p,
                    List.of(
                            logon("10.15.2.1", domain, "ann", t),
                            logon("10.15.2.2", "ADM", "ann", t.plusSeconds(1)),
                            logon("10.15.3.1", domain, "ben", t),
                            logon("10.15.9.9", domain, "hist-a", t),
                            logon("10.15.9.9", domain, "hist-b", t.plusSeconds(10)),
                            logoff("10.15.9.9", domain, "hist-b", t.plusSeconds(20))));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(ViewDb.changes(ds, "10.15.9.9")).hasSize(3);
            assertThat(ViewDb.active(ds, "10.15.3.1")).isNotNull();
            assertThat(ViewDb.active(ds, "10.15.2.2")).isNotNull();
            // The directory has its own consumer: wait for it too, the stats and roles below depend on it.
            assertThat(
                            ViewDb.count(
                                    ds,
                                    "SELECT count(*) FROM query.directory_object WHERE domain = 'adm.example' AND kind = 'user'"))
                    .isPositive();
            // Logons applied before the directory user get its roles when the directory batch regroups them.
            assertThat(get("/api/admin/sessions?user=ann&domain=adm&ip=10.15.0.0/16", 200)
                            .getList("items.roles"))
                    .containsOnly(List.of("ops"));
        });

        JsonPath stats = get("/api/admin/stats", 200);
        assertThat(stats.getLong("users")).isGreaterThanOrEqualTo(1);
        assertThat(stats.getLong("groups")).isGreaterThanOrEqualTo(1);
        assertThat(stats.getLong("domains")).isGreaterThanOrEqualTo(1);
        assertThat(stats.getLong("devices")).isGreaterThanOrEqualTo(0);
        assertThat(stats.getLong("sessions"))
                .isEqualTo(ViewDb.count(ds, "SELECT count(*) FROM query.session WHERE active"));

        JsonPath ann = get("/api/admin/sessions?user=AN*&domain=adm&ip=10.15.0.0/16", 200);
        assertThat(ann.getLong("total")).isEqualTo(2);
        assertThat(ann.getList("items.ip")).containsExactly("10.15.2.2", "10.15.2.1");
        assertThat(ann.getList("items.roles")).containsOnly(List.of("ops"));
        JsonPath page = get("/api/admin/sessions?ip=10.15.0.0/16&size=1&page=1", 200);
        assertThat(page.getList("items")).hasSize(1);
        assertThat(page.getLong("total")).isGreaterThanOrEqualTo(3);
        assertThat(get("/api/admin/sessions?ip=nope&size=0", 400).getString("message"))
                .contains("ip must be")
                .contains("size must be");

        assertThat(get("/api/admin/history?ip=10.15.9.9&at=" + t.plusSeconds(5), 200)
                        .getString("user"))
                .isEqualTo("hist-a");
        JsonPath b = get("/api/admin/history?ip=10.15.9.9&at=" + t.plusSeconds(15), 200);
        assertThat(b.getBoolean("held")).isTrue();
        assertThat(b.getString("user")).isEqualTo("hist-b");
        assertThat(b.getString("until")).isEqualTo(t.plusSeconds(20).toString());
        assertThat(get("/api/admin/history?ip=10.15.9.9&at=" + t.plusSeconds(25), 200)
                        .getBoolean("held"))
                .isFalse();
        assertThat(get("/api/admin/history?ip=10.15.9.9&at=" + t.minusSeconds(5), 200)
                        .getBoolean("held"))
                .isFalse();
        assertThat(get("/api/admin/history?ip=10.15.9.9&at=yesterday", 400).getString("error"))
                .isEqualTo("invalid_request");
    }

    @Test
    void anAdminEndsASessionAndEveryReaderSeesALogoffFromAdmin() {
        String ip = "10.15.30.1";
        try (var p = ViewTestSupport.eventProducer()) {
            ViewTestSupport.send(p, logon(ip, "example.com", "ivy", now().minusSeconds(5)));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> ViewDb.active(ds, ip) != null);

        given().auth()
                .oauth2(token("srx-only", "srx"))
                .when()
                .delete("/api/admin/sessions/" + ip)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(admin())
                .when()
                .delete("/api/admin/sessions/" + ip)
                .then()
                .statusCode(200)
                .body("ip", equalTo(ip))
                .body("user", equalTo("ivy"))
                .body("domain", equalTo("example.com"))
                .body("ended", equalTo(true));
        assertThat(ViewDb.active(ds, ip)).isNull();
        var last = ViewDb.query(
                ds,
                "SELECT operation, user_name, source_kind, source_name FROM query.change_log WHERE ip = ?"
                        + " ORDER BY seq DESC LIMIT 1",
                ip);
        assertThat(last.get(0))
                .containsEntry("operation", "logoff")
                .containsEntry("user_name", "ivy")
                .containsEntry("source_kind", "admin")
                .containsEntry("source_name", "admin-test");

        given().auth()
                .oauth2(admin())
                .when()
                .delete("/api/admin/sessions/" + ip)
                .then()
                .statusCode(404)
                .body("error", equalTo("not_found"));
        given().auth()
                .oauth2(admin())
                .when()
                .delete("/api/admin/sessions/not-an-ip")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }
}

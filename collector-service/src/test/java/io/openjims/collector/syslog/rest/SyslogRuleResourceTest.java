package io.openjims.collector.syslog.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.openjims.collector.syslog.listener.SyslogServer;
import io.openjims.collector.syslog.samples.SyslogSamples;
import io.openjims.collector.syslog.service.SyslogCounters;
import io.openjims.collector.syslog.service.SyslogCounters.Outcome;
import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The rules admin API: role admin, validation errors, the test endpoint, and changes applied without restart. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SyslogRuleResourceTest {

    private static final String BASE = "/api/admin/syslog-rules";

    @Inject
    SyslogServer server;

    @Inject
    SyslogCounters counters;

    private static String token(String... roles) {
        return Jwt.issuer("openjims")
                .audience("openjims-collector")
                .subject("test-admin")
                .groups(Set.of(roles))
                .expiresIn(Duration.ofMinutes(5))
                .jws()
                .keyId(testKid())
                .sign("jwt/privateKey.pem");
    }

    private static String admin() {
        return "Bearer " + token("admin");
    }

    @Test
    void anSrxTokenForQueryServiceIsRefusedHereByItsAudience() {
        String srxToken = Jwt.issuer("openjims")
                .audience("openjims-query")
                .subject("srx-device")
                .groups(Set.of("srx", "admin"))
                .expiresIn(Duration.ofMinutes(5))
                .jws()
                .keyId(testKid())
                .sign("jwt/privateKey.pem");
        given().header("Authorization", "Bearer " + srxToken)
                .get(BASE)
                .then()
                .statusCode(401)
                .body("error", org.hamcrest.Matchers.equalTo("invalid_token"));
    }

    @Test
    void needsTheAdminRole() {
        given().when().get(BASE).then().statusCode(401);
        given().header("Authorization", "Bearer " + token("ingest"))
                .when()
                .get(BASE)
                .then()
                .statusCode(403);
        given().header("Authorization", admin()).when().get(BASE).then().statusCode(200);
    }

    @Test
    void listsTheSeededBuiltInRulesInOrder() {
        given().header("Authorization", admin())
                .when()
                .get(BASE)
                .then()
                .statusCode(200)
                .body("name", hasItem("windows-4624-nxlog"))
                .body("name", hasItem("generic-key-value-login"))
                .body("find { it.name == 'windows-4624-snare' }.builtin", equalTo(true))
                .body("find { it.name == 'windows-4624-snare' }.condition_type", equalTo("regex"));
    }

    /**
     * A rule whose regex backtracks polynomially (ReDoS) meets a hostile line on the real listener: the rule is taken
     * out of service with a clear status, the listener keeps serving, and the rule behind it takes the next logon.
     */
    @Test
    void aReDoSRuleIsDisabledWithAStatusAndTheListenerKeepsServing() throws Exception {
        String marker = "REDOS-" + UUID.randomUUID().toString().substring(0, 8);
        String bad = "redos-" + marker.substring(6);
        String good = "good-" + marker.substring(6);
        String badId = createRule(bad, marker, marker + " user=(?<user>.*.*.*)#(?<ip>\\S+)", 1);
        createRule(good, marker, marker + " user=(?<user>[^ ]+) addr=(?<ip>[^ ]+)", 2);

        long before = counters.rule(good, Outcome.MATCHED);
        send("<13>Mar  5 10:15:42 vpn01 vpnd: " + marker + " user=" + "a".repeat(6000));
        send("<13>Mar  5 10:15:43 vpn01 vpnd: " + marker + " user=rita addr=10.77.9.1");
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> counters.rule(good, Outcome.MATCHED) == before + 1);
        // The two messages came on two connections, maybe two event loops: the good one may be counted first.
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().header("Authorization", admin())
                        .when()
                        .get(BASE + "/" + badId)
                        .then()
                        .statusCode(200)
                        .body("enabled", equalTo(true))
                        .body("disabled_because", containsString("steps on one message")));

        // Saving the rule again (fixed) puts it back in service.
        given().header("Authorization", admin())
                .contentType(ContentType.JSON)
                // PUT replaces the whole definition.
                .body(rule(bad, marker, marker + " user=(?<user>[^#]+)#(?<ip>[^ ]+)", 1))
                .when()
                .put(BASE + "/" + badId)
                .then()
                .statusCode(200)
                .body("disabled_because", nullValue());
    }

    private static Map<String, Object> rule(String name, String condition, String pattern, int position) {
        return Map.of(
                "name", name, "operation", "logon", "condition", condition, "pattern", pattern, "position", position);
    }

    private String createRule(String name, String condition, String pattern, int position) {
        return given().header("Authorization", admin())
                .contentType(ContentType.JSON)
                .body(rule(name, condition, pattern, position))
                .when()
                .post(BASE)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void createdRuleWorksAtOnceOnTheListenerAndCanBeChangedAndDeleted() throws Exception {
        String name = "vpn-" + UUID.randomUUID().toString().substring(0, 8);
        String marker = "VPNLOGIN-" + UUID.randomUUID().toString().substring(0, 8);
        String id = given().header("Authorization", admin())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        name,
                        "operation",
                        "logon",
                        "condition",
                        marker,
                        "pattern",
                        marker + " user=(?<user>\\S+) addr=(?<ip>\\S+)",
                        "position",
                        5))
                .when()
                .post(BASE)
                .then()
                .statusCode(201)
                .body("name", equalTo(name))
                .body("condition_type", equalTo("substring"))
                .body("enabled", equalTo(true))
                .body("builtin", equalTo(false))
                .extract()
                .path("id");

        String line = "<13>Mar  5 10:15:42 vpn01 vpnd: " + marker + " user=CORP\\quinn addr=10.77.0.1";
        long before = counters.rule(name, Outcome.MATCHED);
        send(line);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> counters.rule(name, Outcome.MATCHED) == before + 1);

        given().header("Authorization", admin())
                .contentType(ContentType.JSON)
                .body(Map.of("line", line))
                .when()
                .post(BASE + "/test")
                .then()
                .statusCode(200)
                .body("format", equalTo("rfc3164"))
                .body("outcome", equalTo("matched"))
                .body("rule", equalTo(name))
                .body("event.user", equalTo("quinn"))
                .body("event.domain", equalTo("CORP"))
                .body("event.ip", equalTo("10.77.0.1"));

        given().header("Authorization", admin())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        name,
                        "operation",
                        "logoff",
                        "condition",
                        marker,
                        "pattern",
                        marker + " user=(?<user>\\S+) addr=(?<ip>\\S+)",
                        "enabled",
                        false))
                .when()
                .put(BASE + "/" + id)
                .then()
                .statusCode(200)
                .body("operation", equalTo("logoff"))
                .body("enabled", equalTo(false))
                .body("position", equalTo(5));
        given().header("Authorization", admin())
                .contentType(ContentType.JSON)
                .body(Map.of("line", line))
                .when()
                .post(BASE + "/test")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("unmatched"))
                .body("rule", nullValue());

        given().header("Authorization", admin())
                .when()
                .delete(BASE + "/" + id)
                .then()
                .statusCode(204);
        given().header("Authorization", admin())
                .when()
                .get(BASE + "/" + id)
                .then()
                .statusCode(404)
                .body("error", equalTo("not_found"));
        given().header("Authorization", admin()).when().get(BASE).then().body("name", not(hasItem(name)));
    }

    @Test
    void invalidRulesGetAClearError() {
        given().header("Authorization", admin())
                .contentType(ContentType.JSON)
                .body(Map.of("name", "bad", "operation", "logon", "condition", "x", "pattern", "(?<user>[a-"))
                .when()
                .post(BASE)
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_rule"))
                .body("message", containsString("not a valid regular expression"));
        given().header("Authorization", admin())
                .contentType(ContentType.JSON)
                .body(Map.of("name", "no-ip", "operation", "logon", "condition", "x", "pattern", "(?<user>\\S+)"))
                .when()
                .post(BASE)
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_rule"))
                .body("message", containsString("(?<ip>"));
        given().header("Authorization", admin())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name", "windows-4624-nxlog",
                        "operation", "logon",
                        "condition", "x",
                        "pattern", "(?<user>\\S+) (?<ip>\\S+)"))
                .when()
                .post(BASE)
                .then()
                .statusCode(409)
                .body("error", equalTo("duplicate_name"));
        given().header("Authorization", admin())
                .contentType(ContentType.JSON)
                .body(Map.of("sender", "10.0.0.1"))
                .when()
                .post(BASE + "/test")
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void testEndpointShowsRejectionsAndTriesAnUnsavedRule() {
        given().header("Authorization", admin())
                .contentType(ContentType.JSON)
                .body(Map.of("line", SyslogSamples.nxlog4624("10.1.2.300")))
                .when()
                .post(BASE + "/test")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("rejected"))
                .body("rule", equalTo("windows-4624-nxlog"))
                .body("reason", equalTo("invalid_ip"));
        given().header("Authorization", admin())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "line",
                        "GW: bob logged in from 192.0.2.44",
                        "rule",
                        Map.of(
                                "name", "trial",
                                "operation", "logon",
                                "condition", "logged in",
                                "pattern", "(?<user>\\w+) logged in from (?<ip>\\S+)")))
                .when()
                .post(BASE + "/test")
                .then()
                .statusCode(200)
                .body("format", equalTo("raw"))
                .body("outcome", equalTo("matched"))
                .body("rule", equalTo("trial"))
                .body("event.operation", equalTo("logon"))
                .body("event.ip", equalTo("192.0.2.44"));
        assertThat(server.port()).isPositive();
    }

    private void send(String line) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
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

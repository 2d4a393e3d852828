package io.openjims.collector.ingest;

import static io.openjims.collector.ingest.IngestTestSupport.createClient;
import static io.openjims.collector.ingest.IngestTestSupport.randomIp;
import static io.openjims.collector.ingest.IngestTestSupport.readEvents;
import static io.openjims.collector.ingest.IngestTestSupport.uniqueUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.openjims.collector.ingest.xml.XmlSamples;
import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.devinfra.SharedInfra;
import io.openjims.model.Device;
import io.openjims.model.IdentityEvent;
import io.openjims.model.Operation;
import io.openjims.model.Topics;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.xml.XmlPath;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SRX Web API and PAN-OS User-ID ingest end to end, with ingest clients made through the admin API. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class XmlIngestTest {

    private static final String SRX = "/api/userfw/v1/post-entry";

    private JsonPath client;

    @BeforeEach
    void newClient() {
        // Trusted: these tests check that the producer's role-list reaches Kafka.
        client = createClient(Map.of("name", uniqueUser("clearpass"), "trust_asserted_roles", true));
    }

    private static Map<String, IdentityEvent> awaitByUser(Set<String> users) {
        List<ConsumerRecord<String, IdentityEvent>> records = readEvents(
                SharedInfra.kafkaBootstrapServers(),
                Topics.EVENTS,
                event -> users.contains(event.user()),
                users.size(),
                Duration.ofSeconds(30));
        assertThat(records).hasSize(users.size());
        records.forEach(
                record -> assertThat(record.key()).isEqualTo(record.value().ip()));
        return records.stream()
                .collect(Collectors.toMap(record -> record.value().user(), ConsumerRecord::value));
    }

    @Test
    void srxWebApiEntriesAreOnKafkaWithRolesDeviceAndPosture() {
        String alice = uniqueUser("alice");
        String bob = uniqueUser("bob");
        String aliceIp = randomIp();
        String bobIp = randomIp();
        given().auth()
                .preemptive()
                .basic(client.getString("client_id"), client.getString("client_secret"))
                .contentType("application/xml")
                .body(XmlSamples.srxEntries(alice, aliceIp, bob, bobIp))
                .post(SRX)
                .then()
                .statusCode(200)
                .body("accepted", equalTo(2));

        Map<String, IdentityEvent> events = awaitByUser(Set.of(alice, bob));
        IdentityEvent logon = events.get(alice);
        assertThat(logon.operation()).isEqualTo(Operation.LOGON);
        assertThat(logon.ip()).isEqualTo(aliceIp);
        assertThat(logon.domain()).isEqualTo("example.com");
        assertThat(logon.occurredAt()).isEqualTo(Instant.parse("2026-11-22T10:00:01Z"));
        assertThat(logon.timeoutMinutes()).isEqualTo(120);
        assertThat(logon.roles()).containsExactly("contractors", "wifi-guests");
        assertThat(logon.posture()).isEqualTo("Healthy");
        assertThat(logon.device()).isEqualTo(new Device("PC-42", List.of("laptops"), "Windows 11", "Computer"));
        assertThat(logon.source().producerKind()).isEqualTo("srx-webapi");
        assertThat(logon.source().producerName()).isEqualTo(client.getString("name"));
        IdentityEvent logoff = events.get(bob);
        assertThat(logoff.operation()).isEqualTo(Operation.LOGOFF);
        assertThat(logoff.ip()).isEqualTo(bobIp);
        assertThat(logoff.roles()).isNull();
    }

    @Test
    void srxRefusesWrongPasswordsXxeAndBrokenDocuments() {
        String id = client.getString("client_id");
        String secret = client.getString("client_secret");
        String valid = XmlSamples.srxEntries("u1", randomIp(), "u2", randomIp());
        given().auth()
                .preemptive()
                .basic(id, secret + "x")
                .body(valid)
                .post(SRX)
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("Basic"))
                .body("error", equalTo("invalid_client"));
        given().body(valid).post(SRX).then().statusCode(401);
        given().auth()
                .preemptive()
                .basic("ic-nobody", secret)
                .body(valid)
                .post(SRX)
                .then()
                .statusCode(401);

        given().auth()
                .preemptive()
                .basic(id, secret)
                .contentType("application/xml")
                .body(XmlSamples.xxe("userfw-entries"))
                .post(SRX)
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_xml"))
                .body("message", containsString("DTDs (<!DOCTYPE>) are not allowed"))
                .body(not(containsString("root:")));
        given().auth()
                .preemptive()
                .basic(id, secret)
                .contentType("application/xml")
                .body("<userfw-entries><userfw-entry><IP>10.0.0.1</IP></userfw-entries>")
                .post(SRX)
                .then()
                .statusCode(400)
                .body("message", containsString("not well-formed at line 1"));
        given().auth()
                .preemptive()
                .basic(id, secret)
                .contentType("application/xml")
                .body("<userfw-entries>" + "<userfw-entry/>".repeat(80_000) + "</userfw-entries>")
                .post(SRX)
                .then()
                .statusCode(413);
    }

    @Test
    void panFormPostAsPanOsPythonSendsItLogsUsersOnAndOff() {
        String alice = uniqueUser("alice");
        String bob = uniqueUser("bob");
        String aliceIp = randomIp();
        String bobIp = randomIp();
        String cmd = XmlSamples.uidMessage("corp\\" + alice, aliceIp, bob + "@corp.example.com", bobIp);
        // pan-os-python url-encodes type and cmd and appends the key as it is.
        String form = "type=user-id&cmd=" + URLEncoder.encode(cmd, StandardCharsets.UTF_8) + "&key="
                + client.getString("api_key");
        String answer = given().contentType("application/x-www-form-urlencoded")
                .body(form)
                .post("/api/")
                .then()
                .statusCode(200)
                .contentType(containsString("xml"))
                .extract()
                .asString();
        XmlPath xml = new XmlPath(answer);
        assertThat(xml.getString("response.@status")).isEqualTo("success");
        assertThat(xml.getInt("response.result.accepted")).isEqualTo(2);

        Map<String, IdentityEvent> events = awaitByUser(Set.of(alice, bob));
        IdentityEvent login = events.get(alice);
        assertThat(login.operation()).isEqualTo(Operation.LOGON);
        assertThat(login.domain()).isEqualTo("corp");
        assertThat(login.ip()).isEqualTo(aliceIp);
        assertThat(login.timeoutMinutes()).isEqualTo(45);
        assertThat(login.source().producerKind()).isEqualTo("pan-userid");
        IdentityEvent logout = events.get(bob);
        assertThat(logout.operation()).isEqualTo(Operation.LOGOFF);
        assertThat(logout.domain()).isEqualTo("corp.example.com");
        assertThat(logout.ip()).isEqualTo(bobIp);
    }

    @Test
    void panGetWithQueryParametersWorksToo() {
        String carol = uniqueUser("carol");
        String ip = randomIp();
        String cmd = "<uid-message><type>update</type><payload><login><entry name=\"corp\\" + carol + "\" ip=\"" + ip
                + "\"/></login></payload></uid-message>";
        given().queryParam("type", "user-id")
                .queryParam("key", client.getString("api_key"))
                .queryParam("cmd", cmd)
                .get("/api/")
                .then()
                .statusCode(200)
                .body(containsString("<response status=\"success\">"));
        assertThat(awaitByUser(Set.of(carol)).get(carol).ip()).isEqualTo(ip);
    }

    @Test
    void panAnswersBadKeysAndBadDocumentsInPanForm() {
        String cmd = XmlSamples.uidMessage("corp\\x", randomIp(), "corp\\y", randomIp());
        given().contentType("application/x-www-form-urlencoded")
                .formParam("type", "user-id")
                .formParam("key", "A".repeat(52))
                .formParam("cmd", cmd)
                .post("/api/")
                .then()
                .statusCode(403)
                .body(equalTo("<response status=\"error\" code=\"403\"><result><msg>Invalid Credential</msg></result>"
                        + "</response>"));
        given().contentType("application/x-www-form-urlencoded")
                .formParam("type", "user-id")
                .formParam("cmd", cmd)
                .post("/api/")
                .then()
                .statusCode(403);
        String key = client.getString("api_key");
        given().contentType("application/x-www-form-urlencoded")
                .formParam("type", "user-id")
                .formParam("key", key)
                .formParam("cmd", XmlSamples.xxe("uid-message"))
                .post("/api/")
                .then()
                .statusCode(400)
                .body(containsString("<response status=\"error\" code=\"18\">"))
                .body(containsString("DTDs"));
        given().contentType("application/x-www-form-urlencoded")
                .formParam("type", "user-id")
                .formParam("key", key)
                .formParam("cmd", "<uid-message><payload>")
                .post("/api/")
                .then()
                .statusCode(400)
                .body(containsString("not well-formed"));
        given().contentType("application/x-www-form-urlencoded")
                .formParam("type", "config")
                .formParam("key", key)
                .post("/api/")
                .then()
                .statusCode(400)
                .body(containsString("type must be user-id"));
    }

    @Test
    void aDeletedClientIsLockedOutAtOnce() {
        String id = client.getString("client_id");
        String secret = client.getString("client_secret");
        String valid = XmlSamples.srxEntries(uniqueUser("d1"), randomIp(), uniqueUser("d2"), randomIp());
        given().auth()
                .preemptive()
                .basic(id, secret)
                .body(valid)
                .post(SRX)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(IngestTestSupport.adminToken())
                .delete("/api/admin/ingest-clients/" + id)
                .then()
                .statusCode(204);
        given().auth()
                .preemptive()
                .basic(id, secret)
                .body(valid)
                .post(SRX)
                .then()
                .statusCode(401);
        given().queryParam("type", "user-id")
                .queryParam("key", client.getString("api_key"))
                .queryParam("cmd", "<uid-message><payload/></uid-message>")
                .get("/api/")
                .then()
                .statusCode(403);
    }
}

package io.openjims.collector.ingest;

import static io.openjims.collector.ingest.IngestTestSupport.randomIp;
import static io.openjims.collector.ingest.IngestTestSupport.readEvents;
import static io.openjims.collector.ingest.IngestTestSupport.token;
import static io.openjims.collector.ingest.IngestTestSupport.uniqueUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.micrometer.core.instrument.MeterRegistry;
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
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Native JSON ingest end to end: HTTP with a real token, events on the real identity.events topic. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class JsonIngestTest {

    @Inject
    MeterRegistry registry;

    private static final String PATH = "/api/v1/identity-events";

    @Test
    void aValidBatchIsOnKafkaExactlyAsSentAndBrokenItemsAreNamed() {
        String alice = uniqueUser("alice");
        String bob = uniqueUser("bob");
        String aliceIp = randomIp();
        String bobIp = "2001:db8::" + Integer.toHexString(1 + (int) (Math.random() * 60000));
        String body = """
                [{"operation":"logon","ip":"%s","user":"%s","domain":"example.com",
                  "timestamp":"2026-11-22T10:00:01Z","timeout":90,
                  "device":{"identity":"PC-42","groups":["laptops"],"os":"Windows 11"},"posture":"Healthy"},
                 {"operation":"logoff","ip":"%s","user":"%s","domain":"EXAMPLE"},
                 {"operation":"logon","ip":"not-an-ip","user":"x","domain":"example.com"},
                 {"operation":"jump","ip":"10.0.0.1","user":"x","domain":"example.com"}]""".formatted(aliceIp, alice, bobIp, bob);

        given().auth()
                .oauth2(token("ingest-bot", "ingest"))
                .contentType("application/json")
                .body(body)
                .post(PATH)
                .then()
                .statusCode(202)
                .body("accepted", equalTo(2))
                .body("rejected", hasSize(2))
                .body("rejected[0].index", equalTo(2))
                .body("rejected[0].error", containsString("'not-an-ip' is not an IPv4 or IPv6 address"))
                .body("rejected[1].index", equalTo(3))
                .body("rejected[1].error", containsString("operation must be logon or logoff"));

        List<ConsumerRecord<String, IdentityEvent>> records = readEvents(
                SharedInfra.kafkaBootstrapServers(),
                Topics.EVENTS,
                event -> Set.of(alice, bob).contains(event.user()),
                2,
                Duration.ofSeconds(30));
        assertThat(records).hasSize(2);
        Map<String, ConsumerRecord<String, IdentityEvent>> byUser = records.stream()
                .collect(Collectors.toMap(record -> record.value().user(), record -> record));

        ConsumerRecord<String, IdentityEvent> logon = byUser.get(alice);
        assertThat(logon.key()).isEqualTo(aliceIp);
        IdentityEvent first = logon.value();
        assertThat(first.operation()).isEqualTo(Operation.LOGON);
        assertThat(first.ip()).isEqualTo(aliceIp);
        assertThat(first.domain()).isEqualTo("example.com");
        assertThat(first.occurredAt()).isEqualTo(Instant.parse("2026-11-22T10:00:01Z"));
        assertThat(first.timeoutMinutes()).isEqualTo(90);
        assertThat(first.device()).isEqualTo(new Device("PC-42", List.of("laptops"), "Windows 11", null));
        assertThat(first.posture()).isEqualTo("Healthy");
        assertThat(first.source().producerKind()).isEqualTo("json");
        assertThat(first.source().producerName()).isEqualTo("ingest-bot");
        assertThat(first.source().collectorId()).isNotBlank();

        ConsumerRecord<String, IdentityEvent> logoff = byUser.get(bob);
        assertThat(logoff.key()).isEqualTo(bobIp);
        assertThat(logoff.value().operation()).isEqualTo(Operation.LOGOFF);
        assertThat(logoff.value().domain()).isEqualTo("EXAMPLE");
        assertThat(logoff.value().timeoutMinutes()).isNull();
    }

    @Test
    void timeoutsFollowTheSrxProfileAndAnOutOfRangeOneIsRefusedAndCounted() {
        String never = uniqueUser("never");
        String neverIp = randomIp();
        double before = refusedTimeouts();
        String body = """
                [{"operation":"logon","ip":"%s","user":"%s","domain":"example.com","timeout":0},
                 {"operation":"logon","ip":"10.0.0.1","user":"x","domain":"example.com","timeout":1441},
                 {"operation":"logon","ip":"10.0.0.1","user":"x","domain":"example.com","timeout":5}]""".formatted(neverIp, never);
        given().auth()
                .oauth2(token("ingest-bot", "ingest"))
                .contentType("application/json")
                .body(body)
                .post(PATH)
                .then()
                .statusCode(202)
                .body("accepted", equalTo(1))
                .body("rejected[0].index", equalTo(1))
                .body("rejected[0].error", equalTo("timeout must be 0 (never expire) or 10..1440 minutes, got 1441"))
                .body("rejected[1].index", equalTo(2));
        IdentityEvent event = readEvents(
                        SharedInfra.kafkaBootstrapServers(),
                        Topics.EVENTS,
                        e -> never.equals(e.user()),
                        1,
                        Duration.ofSeconds(30))
                .get(0)
                .value();
        assertThat(event.timeoutMinutes()).isZero();
        assertThat(refusedTimeouts() - before).isEqualTo(2.0);
    }

    @Test
    void anIpv4MappedAddressIsPublishedAsTheIpv4Address() {
        String user = uniqueUser("mapped");
        given().auth()
                .oauth2(token("ingest-bot", "ingest"))
                .contentType("application/json")
                .body("[{\"operation\":\"logon\",\"ip\":\"::FFFF:10.0.0.12\",\"user\":\"" + user
                        + "\",\"domain\":\"example.com\"}]")
                .post(PATH)
                .then()
                .statusCode(202)
                .body("accepted", equalTo(1));
        ConsumerRecord<String, IdentityEvent> record = readEvents(
                        SharedInfra.kafkaBootstrapServers(),
                        Topics.EVENTS,
                        e -> user.equals(e.user()),
                        1,
                        Duration.ofSeconds(30))
                .get(0);
        assertThat(record.key()).isEqualTo("10.0.0.12");
        assertThat(record.value().ip()).isEqualTo("10.0.0.12");
    }

    private double refusedTimeouts() {
        return registry.counter(
                        "openjims.collector.ingest.rejected", "format", "json", "reason", "timeout_out_of_range")
                .count();
    }

    @Test
    void adminTokensMayIngestToo() {
        given().auth()
                .oauth2(token("admin-tool", "admin"))
                .contentType("application/json")
                .body("[{\"operation\":\"logon\",\"ip\":\"" + randomIp() + "\",\"user\":\"" + uniqueUser("adm")
                        + "\",\"domain\":\"example.com\"}]")
                .post(PATH)
                .then()
                .statusCode(202)
                .body("accepted", equalTo(1));
    }

    @Test
    void brokenJsonGets400WithWhereItBroke() {
        given().auth()
                .oauth2(token("ingest-bot", "ingest"))
                .contentType("application/json")
                .body("[{\"operation\": \"logon\", \"ip\": }]")
                .post(PATH)
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_json"))
                .body("message", containsString("line 1, column"));
        given().auth()
                .oauth2(token("ingest-bot", "ingest"))
                .contentType("application/json")
                .body("{\"operation\": \"logon\"}")
                .post(PATH)
                .then()
                .statusCode(400)
                .body("message", containsString("must be a JSON array"));
    }

    @Test
    void moreThan1000ItemsOrAnOversizedBodyGet413() {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            items.add("{\"operation\":\"logon\",\"ip\":\"10.0.0.1\",\"user\":\"u\",\"domain\":\"d\"}");
        }
        given().auth()
                .oauth2(token("ingest-bot", "ingest"))
                .contentType("application/json")
                .body("[" + String.join(",", items) + "]")
                .post(PATH)
                .then()
                .statusCode(413)
                .body("error", equalTo("batch_too_large"))
                .body("message", containsString("at most 1000 events, this one has 1001"));
        String huge = "[" + "{\"posture\":\"" + "x".repeat(1_100_000) + "\"}]";
        given().auth()
                .oauth2(token("ingest-bot", "ingest"))
                .contentType("application/json")
                .body(huge)
                .post(PATH)
                .then()
                .statusCode(413)
                .body("error", equalTo("body_too_large"));
    }

    @Test
    void missingOrInvalidTokensGet401AndTheWrongRole403() {
        String body = "[{\"operation\":\"logon\",\"ip\":\"10.0.0.1\",\"user\":\"u\",\"domain\":\"d\"}]";
        given().contentType("application/json")
                .body(body)
                .post(PATH)
                .then()
                .statusCode(401)
                .body("error", equalTo("unauthorized"));
        given().auth()
                .oauth2("not.a.jwt")
                .contentType("application/json")
                .body(body)
                .post(PATH)
                .then()
                .statusCode(401)
                // A token that is sent but invalid: invalid_token in every service (docs/api.md).
                .body("error", equalTo("invalid_token"));
        given().auth()
                .oauth2(token("firewall", "srx"))
                .contentType("application/json")
                .body(body)
                .post(PATH)
                .then()
                .statusCode(403)
                .body("error", equalTo("forbidden"));
    }
}

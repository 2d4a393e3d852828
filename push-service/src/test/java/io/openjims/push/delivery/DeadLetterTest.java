package io.openjims.push.delivery;

import static io.openjims.push.support.IdentityProducer.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.model.Topics;
import io.openjims.model.kafka.JsonCodec;
import io.openjims.push.support.AdminClient;
import io.openjims.push.support.IdentityProducer;
import io.openjims.push.support.TestPki;
import io.openjims.push.support.TestReceiver;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Records a tenant's worker cannot apply, on real Kafka, reach neither the tenant nor stall it: each is written once to
 * push.dead_letter with its reason, topic, partition and offset, counted in openjims.push.records.rejected{reason},
 * and the good records behind it reach the tenant's real HTTPS endpoint.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DeadLetterTest {

    private static final String PASSWORD = "Tenant-Pass1";

    @Inject
    AgroalDataSource ds;

    @Inject
    MeterRegistry registry;

    private static TestPki pki;
    private static IdentityProducer kafka;

    private record Row(String reason, String topic, int partition, long offset, String key, byte[] value) {
        Row withoutValue() {
            return new Row(reason, topic, partition, offset, key, null);
        }
    }

    @BeforeAll
    static void setUp() {
        pki = TestPki.create("Dead Letter Test CA");
        kafka = new IdentityProducer();
    }

    @AfterAll
    static void tearDown() {
        kafka.close();
    }

    @Test
    void recordsATenantCannotApplyAreDeadLetteredCountedAndTheRecordsBehindThemDelivered() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String domain = "dl-" + run + ".test";
        double controlBefore = count("control_character");
        double unreadableBefore = count("unreadable");

        // Already in the topic when the tenant is created: refused while reducing its full state.
        RecordMetadata nul = sessionRecord("10.31.0.1", domain, "a\u0000b");
        kafka.session(session("10.31.0.2", domain, "alice", List.of()));

        try (TestReceiver receiver =
                TestReceiver.start(pki.issue("localhost", List.of("localhost", "127.0.0.1"), false), null, null)) {
            String id = AdminClient.createTenant(
                    "tenant-dl-" + run, "cso", receiver.endpoint(), List.of(domain), PASSWORD, pki.caPem());
            receiver.credentials(AdminClient.username(id), PASSWORD);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(DeliveryTest.describe(receiver.acceptedItems()))
                            .containsExactly("session logon " + domain + " 10.31.0.2 alice []"));

            // Live: unreadable JSON naming the domain, then an escape sequence, then good records behind them.
            byte[] broken =
                    ("{\"ip\":\"10.31.0.3\",\"domain\":\"" + domain + "\",\"user\":").getBytes(StandardCharsets.UTF_8);
            RecordMetadata unreadable = kafka.send(Topics.SESSIONS, "10.31.0.3", broken);
            RecordMetadata esc = sessionRecord("10.31.0.4", domain, "esc\u001b[31m");
            kafka.session(session("10.31.0.3", domain, "bob", List.of()));
            kafka.session(session("10.31.0.5", domain, "carol", List.of()));

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(DeliveryTest.describe(receiver.acceptedItems()))
                            .containsExactly(
                                    "session logon " + domain + " 10.31.0.2 alice []",
                                    "session logon " + domain + " 10.31.0.3 bob []",
                                    "session logon " + domain + " 10.31.0.5 carol []"));

            List<Row> rows = deadLetters(UUID.fromString(id));
            assertThat(rows)
                    .extracting(Row::withoutValue)
                    .containsExactlyInAnyOrder(
                            new Row(
                                    "control_character",
                                    Topics.SESSIONS,
                                    nul.partition(),
                                    nul.offset(),
                                    "10.31.0.1",
                                    null),
                            new Row(
                                    "unreadable",
                                    Topics.SESSIONS,
                                    unreadable.partition(),
                                    unreadable.offset(),
                                    "10.31.0.3",
                                    null),
                            new Row(
                                    "control_character",
                                    Topics.SESSIONS,
                                    esc.partition(),
                                    esc.offset(),
                                    "10.31.0.4",
                                    null));
            assertThat(rows)
                    .filteredOn(r -> r.reason().equals("unreadable"))
                    .singleElement()
                    .satisfies(r -> assertThat(r.value()).isEqualTo(broken));
            assertThat(count("control_character") - controlBefore).isEqualTo(2.0);
            assertThat(count("unreadable") - unreadableBefore).isEqualTo(1.0);
            AdminClient.delete(id);
        }
    }

    private RecordMetadata sessionRecord(String ip, String domain, String user) {
        return kafka.send(Topics.SESSIONS, ip, JsonCodec.toBytes(session(ip, domain, user, List.of())));
    }

    private double count(String reason) {
        Counter c = registry.find("openjims.push.records.rejected")
                .tag("reason", reason)
                .counter();
        return c == null ? 0 : c.count();
    }

    private List<Row> deadLetters(UUID tenant) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT reason, topic, partition, record_offset,"
                                + " convert_from(record_key, 'UTF8'), record_value FROM push.dead_letter WHERE tenant_id = ?")) {
            ps.setObject(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getInt(3),
                            rs.getLong(4),
                            rs.getString(5),
                            rs.getBytes(6)));
                }
            }
        }
        return rows;
    }
}

package io.openjims.query.view;

import static io.openjims.query.view.ViewTestSupport.event;
import static io.openjims.query.view.ViewTestSupport.logon;
import static io.openjims.query.view.ViewTestSupport.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.devinfra.SharedInfra;
import io.openjims.model.DirectoryObject;
import io.openjims.model.IdentityEvent;
import io.openjims.model.Operation;
import io.openjims.model.Topics;
import io.openjims.model.kafka.JsonCodec;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Records no producer should have written (they bypass the collector's checks) reach the view's consumers through real
 * Kafka: each is skipped to query.dead_letter with its reason and offset, counted, and every good record behind it on
 * the same partition becomes visible.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PoisonRecordTest {

    @Inject
    AgroalDataSource ds;

    @Inject
    MeterRegistry registry;

    @Test
    void badEventsAreDeadLetteredAndTheEventsBehindThemApplied() {
        String ip = "10.12.0.1";
        Instant t = now().minusSeconds(30);
        List<IdentityEvent> bad = List.of(
                logon(ip, "example.com", "a\0b", t),
                logon(ip, "example.com", "esc\u001b[31m", t),
                logon(ip, "example.com", "x".repeat(64 * 1024), t),
                event(Operation.LOGON, ip, "d\0.com", "carol", t, null, List.of("r\0le")),
                logon(ip, "example.com", "y10000", Instant.parse("+10000-01-01T00:00:00Z")));
        try (var p = ViewTestSupport.eventProducer()) {
            ViewTestSupport.sendAll(p, bad);
        }
        // An unpaired surrogate only arrives as a JSON escape (no serializer writes one).
        String json = JsonCodec.toJson(logon(ip, "example.com", "surrogate-user", t));
        rawEvent(ip, json.replace("surrogate-user", "broken\\ud800").getBytes(StandardCharsets.UTF_8));
        try (var p = ViewTestSupport.eventProducer()) {
            ViewTestSupport.send(p, logon(ip, "example.com", "bob", t.plusSeconds(1)));
        }
        rawEvent(ip, new byte[] {'{', '"', 'u', (byte) 0xC3, (byte) 0x28, '"', '}'});
        try (var p = ViewTestSupport.eventProducer()) {
            ViewTestSupport.send(p, logon("10.12.0.2", "example.com", "dave", t.plusSeconds(2)));
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(ViewDb.active(ds, ip)).isNotNull();
            assertThat(ViewDb.active(ds, "10.12.0.2")).isNotNull();
        });
        assertThat(ViewDb.active(ds, ip).get("user_name")).isEqualTo("bob");
        assertThat(ViewDb.changes(ds, ip)).containsExactly("logon:bob");

        var letters = ViewDb.query(
                ds,
                "SELECT reason, detail, partition, record_offset, record_key FROM query.dead_letter"
                        + " WHERE consumer = 'events' AND convert_from(record_key, 'UTF8') = ? ORDER BY record_offset",
                ip);
        assertThat(letters)
                .extracting(r -> r.get("reason"))
                .containsExactly(
                        "control_character",
                        "control_character",
                        "too_long",
                        "control_character",
                        "time_out_of_range",
                        "invalid_unicode",
                        "unreadable");
        assertThat(letters.get(0).get("detail")).isEqualTo("user: control_character");
        assertThat(letters.get(3).get("detail")).isEqualTo("domain: control_character");
        assertThat(letters.get(5).get("detail")).isEqualTo("user: invalid_unicode");
        assertThat(letters)
                .allSatisfy(r -> assertThat((Long) r.get("record_offset")).isNotNegative());
        assertThat(deadLettered("events", "control_character")).isGreaterThanOrEqualTo(3);
        assertThat(deadLettered("events", "time_out_of_range")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void anEventDatedFarAheadIsAppliedAtItsReceiveTime() {
        String ip = "10.12.1.1";
        Instant received = now().minusSeconds(10);
        IdentityEvent e = logon(ip, "example.com", "mallory", Instant.parse("2999-01-01T00:00:00Z"));
        IdentityEvent clockAhead = e.withTimes(e.occurredAt(), received);
        double clampedBefore = registry.counter("openjims.query.events.clamped").count();
        try (var p = ViewTestSupport.eventProducer()) {
            ViewTestSupport.send(p, clockAhead);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> ViewDb.active(ds, ip) != null);
        assertThat(((Timestamp) ViewDb.active(ds, ip).get("logon_at")).toInstant())
                .isEqualTo(received);
        assertThat(registry.counter("openjims.query.events.clamped").count()).isGreaterThan(clampedBefore);

        // ... so a logoff sent now ends it (it would be "older" than a logon dated 2999).
        try (var p = ViewTestSupport.eventProducer()) {
            ViewTestSupport.send(p, ViewTestSupport.logoff(ip, "example.com", "mallory", now()));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> ViewDb.active(ds, ip) == null);
    }

    /**
     * A record the database itself refuses for a permanent reason (here a check constraint the test adds) fails its
     * whole batch; the batch is applied again record by record, the refused one dead-lettered, the others applied.
     */
    @Test
    void aRecordTheDatabaseRefusesIsIsolatedFromItsBatch() throws Exception {
        Instant t = now().minusSeconds(20);
        execute("ALTER TABLE query.session ADD CONSTRAINT poison_test_refusal CHECK (user_lc <> 'refused-by-db')");
        try {
            List<IdentityEvent> batch = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                batch.add(logon("10.12.2." + i, "example.com", i == 7 ? "refused-by-db" : "user" + i, t));
            }
            try (var p = ViewTestSupport.eventProducer()) {
                ViewTestSupport.sendAll(p, batch);
            }
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(ViewDb.count(
                                    ds, "SELECT count(*) FROM query.session WHERE active AND ip LIKE '10.12.2.%'"))
                            .isEqualTo(19));
            assertThat(ViewDb.active(ds, "10.12.2.7")).isNull();
            var letter = ViewDb.query(
                    ds,
                    "SELECT reason, detail FROM query.dead_letter WHERE convert_from(record_key, 'UTF8') = ?",
                    "10.12.2.7");
            assertThat(letter).hasSize(1);
            assertThat(letter.get(0).get("reason")).isEqualTo("sql_23514");
            assertThat((String) letter.get(0).get("detail")).contains("poison_test_refusal");
        } finally {
            execute("ALTER TABLE query.session DROP CONSTRAINT poison_test_refusal");
        }
        // Later records on the same partitions go on as before.
        try (var p = ViewTestSupport.eventProducer()) {
            ViewTestSupport.send(p, logon("10.12.2.7", "example.com", "after", t.plusSeconds(1)));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> ViewDb.active(ds, "10.12.2.7") != null);
    }

    @Test
    void badDirectoryObjectsAreDeadLetteredAndTheObjectsBehindThemApplied() {
        DirectoryObject good = ViewTestSupport.user("poison.example", "erin", List.of(), List.of("staff"));
        DirectoryObject bad = ViewTestSupport.user("poison.example", "fr\0ank", List.of(), List.of("staff"));
        try (var p = ViewTestSupport.directoryProducer()) {
            p.send(new ProducerRecord<>(Topics.DIRECTORY, bad.key(), bad));
            p.send(new ProducerRecord<>(Topics.DIRECTORY, good.key(), good));
            p.flush();
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(ViewDb.count(
                                ds, "SELECT count(*) FROM query.directory_object WHERE domain = 'poison.example'"))
                        .isEqualTo(1));
        var letter = ViewDb.query(
                ds,
                "SELECT reason, detail FROM query.dead_letter WHERE consumer = 'directory' AND detail = ?",
                "guid: control_character");
        assertThat(letter).hasSize(1);
        assertThat(letter.get(0).get("reason")).isEqualTo("control_character");
    }

    private double deadLettered(String consumer, String reason) {
        var counter = registry.find("openjims.query.records.dead.lettered")
                .tags("consumer", consumer, "reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static void rawEvent(String key, byte[] value) {
        try (var p = new KafkaProducer<>(
                Map.<String, Object>of("bootstrap.servers", SharedInfra.kafkaBootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(Topics.EVENTS, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

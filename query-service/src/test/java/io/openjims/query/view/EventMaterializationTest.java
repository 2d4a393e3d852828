package io.openjims.query.view;

import static io.openjims.query.view.ViewTestSupport.event;
import static io.openjims.query.view.ViewTestSupport.logoff;
import static io.openjims.query.view.ViewTestSupport.logon;
import static io.openjims.query.view.ViewTestSupport.now;
import static io.openjims.query.view.ViewTestSupport.sourced;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.model.IdentityEvent;
import io.openjims.model.Operation;
import io.openjims.model.Topics;
import io.openjims.query.view.kafka.CheckpointedConsumer;
import io.openjims.query.view.service.ViewConsumers;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** identity.events → sessions and change log, through real Kafka into real PostgreSQL. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class EventMaterializationTest {

    @Inject
    AgroalDataSource ds;

    @Inject
    ViewConsumers consumers;

    @Inject
    MeterRegistry registry;

    @Test
    void newestLogonWinsLateEventsAndForeignLogoffsChangeNothing() {
        Instant t = now().minusSeconds(60);
        String ip = "10.11.0.1";
        try (var p = ViewTestSupport.eventProducer()) {
            ViewTestSupport.sendAll(
                    p,
                    List.of(
                            logon(ip, "example.com", "alice", t),
                            logon(ip, "example.com", "bob", t.plusSeconds(10)),
                            logon(ip, "example.com", "carol", t.plusSeconds(5)), // late and older: ignored
                            logoff(ip, "example.com", "alice", t.plusSeconds(20)), // not the current user
                            logoff(ip, "example.com", "bob", t.plusSeconds(1)), // older than bob's logon
                            logon("10.11.0.2", "example.com", "bob", t.plusSeconds(11))));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(ViewDb.changes(ds, ip)).containsExactly("logon:alice", "logon:bob");
            assertThat(ViewDb.active(ds, "10.11.0.2")).isNotNull();
        });
        assertThat(ViewDb.active(ds, ip).get("user_name")).isEqualTo("bob");
        // A user may hold many IPs.
        assertThat(ViewDb.count(
                        ds,
                        "SELECT count(*) FROM query.session WHERE active AND user_lc = 'bob' AND ip LIKE '10.11.%'"))
                .isEqualTo(2);

        try (var p = ViewTestSupport.eventProducer()) {
            ViewTestSupport.send(p, logoff(ip, "EXAMPLE.COM", "BOB", t.plusSeconds(30)));
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() ->
                        assertThat(ViewDb.changes(ds, ip)).containsExactly("logon:alice", "logon:bob", "logoff:bob"));
        assertThat(ViewDb.active(ds, ip)).isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void valuesSurviveTheSetBasedWritesExactly() {
        Instant t = now().minusSeconds(45);
        String ip = "10.11.2.1";
        List<String> roles =
                List.of("plain", "with space", "comma,inside", "quote\"inside", "back\\slash", "{braces}", "NULL");
        try (var p = ViewTestSupport.eventProducer()) {
            ViewTestSupport.send(p, event(Operation.LOGON, ip, "example.com", "Zoë O'Brien", t, 90, roles));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> ViewDb.active(ds, ip) != null);
        var session = ViewDb.active(ds, ip);
        assertThat(session.get("user_name")).isEqualTo("Zoë O'Brien");
        // The effective roles are kept in lower case.
        List<String> lower =
                roles.stream().map(r -> r.toLowerCase(java.util.Locale.ROOT)).toList();
        assertThat((List<Object>) session.get("asserted_roles")).containsExactlyInAnyOrderElementsOf(lower);
        assertThat((List<Object>) session.get("roles")).containsExactlyInAnyOrderElementsOf(lower);
        assertThat(session.get("timeout_minutes")).isEqualTo(90);
        assertThat(((java.sql.Timestamp) session.get("logon_at")).toInstant()).isEqualTo(t);
        assertThat(((java.sql.Timestamp) session.get("expires_at")).toInstant()).isEqualTo(t.plusSeconds(90 * 60));
        assertThat(String.valueOf(session.get("device"))).contains("\"PC-Zoë O'Brien\"");
        var change = ViewDb.query(ds, "SELECT * FROM query.change_log WHERE ip = ? ORDER BY seq", ip);
        assertThat(change).hasSize(1);
        assertThat((List<Object>) change.get(0).get("roles")).containsExactlyInAnyOrderElementsOf(lower);
        assertThat(((java.sql.Timestamp) change.get(0).get("event_time")).toInstant())
                .isEqualTo(t);
    }

    @Test
    void aRadiusStopOfTheOldSessionAfterTheNewStartLeavesTheSession() {
        Instant t = now().minusSeconds(60);
        String ip = "10.11.3.1";
        try (var p = ViewTestSupport.eventProducer()) {
            ViewTestSupport.sendAll(
                    p,
                    List.of(
                            sourced("radius", Operation.LOGON, ip, "example.com", "roamer", t, "AP1-0001"),
                            sourced(
                                    "radius",
                                    Operation.LOGON,
                                    ip,
                                    "example.com",
                                    "roamer",
                                    t.plusSeconds(10),
                                    "AP2-0001"),
                            sourced(
                                    "radius",
                                    Operation.LOGOFF,
                                    ip,
                                    "example.com",
                                    "roamer",
                                    t.plusSeconds(11),
                                    "AP1-0001")));
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(ViewDb.active(ds, ip)).containsEntry("session_id", "AP2-0001"));
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(ViewDb.changes(ds, ip)).containsExactly("logon:roamer"));
        try (var p = ViewTestSupport.eventProducer()) {
            ViewTestSupport.send(
                    p, sourced("radius", Operation.LOGOFF, ip, "example.com", "roamer", t.plusSeconds(20), "AP2-0001"));
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> assertThat(ViewDb.changes(ds, ip)).containsExactly("logon:roamer", "logoff:roamer"));
        assertThat(ViewDb.active(ds, ip)).isNull();
    }

    @Test
    void theSameEventDeliveredTwiceIsAppliedOnce() {
        Instant t = now().minusSeconds(30);
        IdentityEvent e = logon("10.11.1.1", "example.com", "dup", t);
        IdentityEvent off = logoff("10.11.1.1", "example.com", "dup", t.plusSeconds(1));
        try (var p = ViewTestSupport.eventProducer()) {
            ViewTestSupport.sendAll(p, List.of(e, e, off, e, off));
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> assertThat(ViewDb.changes(ds, "10.11.1.1")).containsExactly("logon:dup", "logoff:dup"));
    }

    @Test
    void malformedRecordsAreCountedAndSkipped() {
        Instant t = now();
        try (var p = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(
                java.util.Map.of("bootstrap.servers", io.openjims.devinfra.SharedInfra.kafkaBootstrapServers()),
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            p.send(new ProducerRecord<>(Topics.EVENTS, "10.11.2.1", "{not json"))
                    .get();
            p.send(new ProducerRecord<>(Topics.EVENTS, "10.11.2.1", "{\"operation\":\"logon\",\"ip\":\"nope\"}"))
                    .get();
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
        try (var p = ViewTestSupport.eventProducer()) {
            ViewTestSupport.send(p, logon("10.11.2.1", "example.com", "after-garbage", t));
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(ViewDb.active(ds, "10.11.2.1")).isNotNull());
        assertThat(registry.counter("openjims.query.events.rejected").count()).isGreaterThanOrEqualTo(2);
    }

    /**
     * A second replica joins mid-stream and is killed, and this replica's consumer is restarted: every record is
     * applied exactly once (the applied counter grows by exactly the number of records) and every change appears
     * once in the change log.
     */
    @Test
    void replicasJoiningLeavingAndRestartingNeitherLoseNorReapply() throws Exception {
        int ips = 50;
        int perIp = 40;
        Instant t0 = now().minusSeconds(600);
        List<IdentityEvent> stream = new ArrayList<>();
        for (int k = 0; k < perIp; k++) {
            for (int i = 0; i < ips; i++) {
                String ip = "10.11.100." + i;
                Operation op = k % 2 == 0 ? Operation.LOGON : Operation.LOGOFF;
                stream.add(event(op, ip, "example.com", "u" + i + "-" + (k / 2), t0.plusMillis(k * 100L), null, null));
            }
        }
        double appliedBefore = registry.counter("openjims.query.events.applied").count();
        CheckpointedConsumer replica = consumers.newEventsConsumer();
        CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> {
            try (var p = ViewTestSupport.eventProducer()) {
                for (int from = 0; from < stream.size(); from += 100) {
                    ViewTestSupport.sendAll(p, stream.subList(from, Math.min(stream.size(), from + 100)));
                }
            }
        });
        replica.start();
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        ViewDb.count(ds, "SELECT count(*) FROM query.change_log WHERE ip LIKE '10.11.100.%'") > 200);
        consumers.stopAll(); // this replica's consumer goes away mid-stream
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        ViewDb.count(ds, "SELECT count(*) FROM query.change_log WHERE ip LIKE '10.11.100.%'") > 600);
        consumers.startAll();
        replica.close(); // the other replica leaves (its partitions move back)
        producing.get();
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(
                                ViewDb.count(ds, "SELECT count(*) FROM query.change_log WHERE ip LIKE '10.11.100.%'"))
                        .isEqualTo(stream.size()));
        for (int i = 0; i < ips; i += 7) {
            List<String> expected = new ArrayList<>();
            for (int k = 0; k < perIp; k++) {
                expected.add((k % 2 == 0 ? "logon" : "logoff") + ":u" + i + "-" + (k / 2));
            }
            assertThat(ViewDb.changes(ds, "10.11.100." + i)).containsExactlyElementsOf(expected);
        }
        assertThat(registry.counter("openjims.query.events.applied").count() - appliedBefore)
                .isEqualTo(stream.size());
    }
}

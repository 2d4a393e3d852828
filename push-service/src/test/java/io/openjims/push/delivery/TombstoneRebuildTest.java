package io.openjims.push.delivery;

import static io.openjims.model.DirectoryObjectKind.USER;
import static io.openjims.push.support.IdentityProducer.object;
import static io.openjims.push.support.IdentityProducer.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.devinfra.TruncatableTopics;
import io.openjims.model.DirectoryObject;
import io.openjims.model.kafka.JsonCodec;
import io.openjims.push.delivery.service.DeliverySupervisor;
import io.openjims.push.support.AdminClient;
import io.openjims.push.support.IdentityProducer;
import io.openjims.push.support.TestPki;
import io.openjims.push.support.TestReceiver;
import io.openjims.support.kafka.TombstoneHorizon;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A tenant whose stored position fell below the log start of its source topics (here: the broker dropped the records
 * while the tenant refused every batch) may have missed tombstones: on real Kafka its worker sends the full state
 * again instead of going on from the position, so the tenant gets the current state without the deleted items, and
 * {@code openjims.push.full.rebuilds{reason=below_log_start}} counts it.
 */
@QuarkusTest
@TestProfile(TombstoneRebuildTest.OwnTopics.class)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TombstoneRebuildTest {

    static final String SESSIONS = "identity.sessions.rebuild-test";
    static final String DIRECTORY = "identity.directory.rebuild-test";
    static final String COLLECTORS = "identity.collectors.rebuild-test";
    private static final String PASSWORD = "Tenant-Pass1";

    /** Topics of this test alone, which it can cut (see {@link TruncatableTopics}). */
    public static class OwnTopics implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            TruncatableTopics.create(SESSIONS, DIRECTORY, COLLECTORS);
            return Map.of(
                    "openjims.push.topics.sessions", SESSIONS,
                    "openjims.push.topics.directory", DIRECTORY,
                    "openjims.push.topics.collectors", COLLECTORS);
        }
    }

    @Inject
    DeliverySupervisor supervisor;

    @Inject
    MeterRegistry registry;

    private static TestPki pki;
    private static IdentityProducer kafka;

    @BeforeAll
    static void setUp() {
        pki = TestPki.create("Rebuild Test CA");
        kafka = new IdentityProducer();
    }

    @AfterAll
    static void tearDown() {
        kafka.close();
    }

    @Test
    void aTenantWhosePositionFellBelowTheLogStartGetsTheFullStateAgainWithoutTheDeletedItems() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String domain = "rb-" + run + ".test";
        sendSession("10.32.0.1", domain, "alice");
        sendSession("10.32.0.2", domain, "bob");
        DirectoryObject bob = object(USER, domain, "bob", List.of());
        kafka.send(DIRECTORY, bob.key(), JsonCodec.toBytes(bob));

        try (TestReceiver receiver =
                TestReceiver.start(pki.issue("localhost", List.of("localhost", "127.0.0.1"), false), null, null)) {
            String id = AdminClient.createTenant(
                    "tenant-rb-" + run, "cso", receiver.endpoint(), List.of(domain), PASSWORD, pki.caPem());
            receiver.credentials(AdminClient.username(id), PASSWORD);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(DeliveryTest.describe(receiver.acceptedItems()))
                            .containsExactlyInAnyOrder(
                                    "session logon " + domain + " 10.32.0.1 alice []",
                                    "session logon " + domain + " 10.32.0.2 bob []",
                                    "user upsert " + domain + " bob []"));

            // The tenant refuses everything from now on: its position stays before bob's logoff and deletion.
            receiver.forceStatus(503);
            RecordMetadata logoff = kafka.send(SESSIONS, "10.32.0.2", null);
            RecordMetadata deleted = kafka.send(DIRECTORY, bob.key(), null);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> receiver.attempts().stream().anyMatch(a -> a.status() == 503));

            // The broker drops every record up to and including the tombstones, as compaction does after
            // delete.retention.ms; alice's session, still current, is written again after the new log start.
            TruncatableTopics.cut(Map.of(SESSIONS, logoff.offset() + 1, DIRECTORY, deleted.offset() + 1));
            sendSession("10.32.0.1", domain, "alice");
            sendSession("10.32.0.3", domain, "carol");
            double rebuildsBefore = rebuilds();

            // A fresh worker (as after a restart or a lease taken over) finds the position below the log start.
            int acceptedBefore = receiver.accepted().size();
            supervisor.restartWorker(UUID.fromString(id));
            await().atMost(Duration.ofSeconds(30)).until(() -> rebuilds() > rebuildsBefore);
            receiver.forceStatus(0);

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(DeliveryTest.describe(itemsAfter(receiver, acceptedBefore)))
                            .containsExactlyInAnyOrder(
                                    "session logon " + domain + " 10.32.0.1 alice []",
                                    "session logon " + domain + " 10.32.0.3 carol []"));
            assertThat(rebuilds() - rebuildsBefore).isEqualTo(1.0);
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(AdminClient.tenant(id).getString("status"))
                            .isEqualTo("connected"));
            AdminClient.delete(id);
        }
    }

    private static List<JsonNode> itemsAfter(TestReceiver receiver, int accepted) {
        List<TestReceiver.Attempt> all = receiver.accepted();
        return all.subList(accepted, all.size()).stream()
                .flatMap(a -> {
                    List<JsonNode> items = new java.util.ArrayList<>();
                    a.body().path("items").forEach(items::add);
                    return items.stream();
                })
                .toList();
    }

    private double rebuilds() {
        Counter c = registry.find("openjims.push.full.rebuilds")
                .tag("reason", TombstoneHorizon.BELOW_LOG_START)
                .counter();
        return c == null ? 0 : c.count();
    }

    private static void sendSession(String ip, String domain, String user) {
        kafka.send(SESSIONS, ip, JsonCodec.toBytes(session(ip, domain, user, List.of())));
    }
}

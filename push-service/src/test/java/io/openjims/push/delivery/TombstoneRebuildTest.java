package io.openjims.push.delivery;

import static io.openjims.model.DirectoryObjectKind.USER;
import static io.openjims.push.support.IdentityProducer.object;
import static io.openjims.push.support.IdentityProducer.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.openjims.devinfra.EmbeddedKafka;
import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.devinfra.SharedInfra;
import io.openjims.model.DirectoryObject;
import io.openjims.model.kafka.JsonCodec;
import io.openjims.push.delivery.service.DeliverySupervisor;
import io.openjims.push.support.AdminClient;
import io.openjims.push.support.IdentityProducer;
import io.openjims.push.support.TestPki;
import io.openjims.push.support.TestReceiver;
import io.openjims.support.kafka.TombstoneHorizon;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
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
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = true)
class TombstoneRebuildTest {

    static final String SESSIONS = "identity.sessions.rebuild-test";
    static final String DIRECTORY = "identity.directory.rebuild-test";
    static final String COLLECTORS = "identity.collectors.rebuild-test";
    private static final String PASSWORD = "Tenant-Pass1";

    /**
     * Topics of this test alone, one partition each. Compacted as deployments are, and also {@code delete} with
     * unlimited retention: the broker accepts DeleteRecords (which stands in for compaction dropping a deleted key's
     * records and, after delete.retention.ms, its tombstone) only on such topics.
     */
    public static class OwnTopics implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            createTopics();
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
            try (Admin admin = admin()) {
                admin.deleteRecords(Map.of(
                                new TopicPartition(SESSIONS, 0), RecordsToDelete.beforeOffset(logoff.offset() + 1),
                                new TopicPartition(DIRECTORY, 0), RecordsToDelete.beforeOffset(deleted.offset() + 1)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
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

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.kafkaBootstrapServers()));
    }

    private static void createTopics() {
        Map<String, String> config = Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG,
                "-1",
                TopicConfig.DELETE_RETENTION_MS_CONFIG,
                EmbeddedKafka.DELETE_RETENTION_MS);
        try (Admin admin = admin()) {
            for (String topic : List.of(SESSIONS, DIRECTORY, COLLECTORS)) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(config)))
                            .all()
                            .get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException(e.getCause());
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.openjims.query.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.devinfra.TruncatableTopics;
import io.openjims.model.DirectoryObject;
import io.openjims.support.kafka.TombstoneHorizon;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * The directory view of a replica whose checkpoint fell below the log start of identity.directory (it was away while
 * compaction dropped a deleted user's records and tombstone) is rebuilt from the topic: on real Kafka and PostgreSQL
 * the deleted user leaves the view, the users still in the topic stay, and
 * {@code openjims.query.full.rebuilds{consumer=directory,reason=below_log_start}} counts it.
 */
@QuarkusTest
@TestProfile(DirectoryRebuildTest.OwnTopic.class)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DirectoryRebuildTest {

    static final String DIRECTORY = "identity.directory.query-rebuild-test";

    /** A directory topic of this test alone, which it can cut. */
    public static class OwnTopic implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            TruncatableTopics.create(DIRECTORY);
            return Map.of("openjims.query.topics.directory", DIRECTORY);
        }
    }

    @Inject
    AgroalDataSource ds;

    @Inject
    MeterRegistry registry;

    @Test
    void aCheckpointBelowTheLogStartRebuildsTheDirectoryWithoutTheDeletedObjects() throws Exception {
        String domain = "rb-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        DirectoryObject alice = ViewTestSupport.user(domain, "alice", List.of(), List.of());
        DirectoryObject bob = ViewTestSupport.user(domain, "bob", List.of(), List.of());
        try (KafkaProducer<String, DirectoryObject> producer = ViewTestSupport.directoryProducer()) {
            send(producer, alice.key(), alice);
            send(producer, bob.key(), bob);
            await().atMost(Duration.ofSeconds(30)).until(() -> names(domain).equals(List.of("alice", "bob")));

            // The replica is held (its next batch waits on the checkpoint lock) while bob is deleted and the broker
            // drops everything up to and including the tombstone; alice is written again after the new log start.
            try (Connection lock = ds.getConnection()) {
                lock.setAutoCommit(false);
                try (PreparedStatement ps = lock.prepareStatement(
                        "SELECT * FROM query.consumer_checkpoint WHERE consumer = 'directory' AND topic = ? FOR UPDATE")) {
                    ps.setString(1, DIRECTORY);
                    ps.executeQuery().close();
                }
                RecordMetadata deleted = send(producer, bob.key(), null);
                await().atMost(Duration.ofSeconds(30)).until(this::directoryConsumerWaitsForTheLock);
                TruncatableTopics.cut(Map.of(DIRECTORY, deleted.offset() + 1));
                DirectoryObject carol = ViewTestSupport.user(domain, "carol", List.of(), List.of());
                send(producer, alice.key(), alice);
                send(producer, carol.key(), carol);
                double rebuildsBefore = rebuilds();

                // The held batch fails as when its database connection breaks (a transient fault): the consumer
                // goes back to its checkpoint, which is now below the log start.
                try (Statement st = lock.createStatement()) {
                    st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                            + " WHERE wait_event_type = 'Lock' AND query LIKE '%consumer_checkpoint%'"
                            + " AND pid <> pg_backend_pid()");
                }
                lock.commit();

                await().atMost(Duration.ofSeconds(30)).until(() -> rebuilds() > rebuildsBefore);
                assertThat(rebuilds() - rebuildsBefore).isEqualTo(1.0);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> names(domain).equals(List.of("alice", "carol")));

            // Live records go on after the rebuild.
            DirectoryObject dave = ViewTestSupport.user(domain, "dave", List.of(), List.of());
            send(producer, dave.key(), dave);
            await().atMost(Duration.ofSeconds(30)).until(() -> names(domain).equals(List.of("alice", "carol", "dave")));
        }
    }

    private boolean directoryConsumerWaitsForTheLock() {
        return ViewDb.count(
                        ds,
                        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                                + " AND query LIKE '%consumer_checkpoint%' AND pid <> pg_backend_pid()")
                > 0;
    }

    private List<String> names(String domain) {
        return ViewDb.query(
                        ds,
                        "SELECT name_lc FROM query.directory_object WHERE domain = ? AND kind = 'user' ORDER BY name_lc",
                        domain)
                .stream()
                .map(r -> (String) r.get("name_lc"))
                .toList();
    }

    private double rebuilds() {
        Counter c = registry.find("openjims.query.full.rebuilds")
                .tags("consumer", "directory", "reason", TombstoneHorizon.BELOW_LOG_START)
                .counter();
        return c == null ? 0 : c.count();
    }

    private static RecordMetadata send(KafkaProducer<String, DirectoryObject> producer, String key, DirectoryObject o)
            throws Exception {
        return producer.send(new ProducerRecord<>(DIRECTORY, key, o)).get();
    }
}

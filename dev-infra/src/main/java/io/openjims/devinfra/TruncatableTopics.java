package io.openjims.devinfra;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Compacted topics of one test on the shared broker, one partition each, that a test can cut at an offset. They are
 * also {@code delete} with unlimited retention, because the broker accepts DeleteRecords only then; the cut stands in
 * for compaction dropping a deleted key's records and, after {@code delete.retention.ms}, its tombstone.
 */
public final class TruncatableTopics {

    private TruncatableTopics() {}

    /** Creates the topics on the shared broker unless they exist. */
    public static void create(String... topics) {
        Map<String, String> config = Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG,
                "-1",
                TopicConfig.DELETE_RETENTION_MS_CONFIG,
                EmbeddedKafka.DELETE_RETENTION_MS);
        try (Admin admin = admin()) {
            for (String topic : topics) {
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Drops every record of partition 0 of each topic below its offset: the log start moves there. */
    public static void cut(Map<String, Long> logStartByTopic) {
        Map<TopicPartition, RecordsToDelete> cuts = new java.util.HashMap<>();
        logStartByTopic.forEach(
                (topic, offset) -> cuts.put(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(offset)));
        try (Admin admin = admin()) {
            admin.deleteRecords(cuts).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.kafkaBootstrapServers()));
    }
}

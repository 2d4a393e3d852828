package io.openjims.push.support;

import io.openjims.devinfra.EmbeddedKafka;
import io.openjims.devinfra.SharedInfra;
import io.openjims.model.CollectorState;
import io.openjims.model.CollectorStatus;
import io.openjims.model.DirectoryObject;
import io.openjims.model.DirectoryObjectKind;
import io.openjims.model.EventSource;
import io.openjims.model.SessionState;
import io.openjims.model.Topics;
import io.openjims.model.kafka.JsonCodec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes the identity topics the way collector-service and query-service do: a plain producer, JSON values. */
public final class IdentityProducer implements AutoCloseable {

    private static final AtomicLong SEQ = new AtomicLong();

    private final KafkaProducer<String, byte[]> producer;

    public IdentityProducer() {
        createTopics();
        producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        SharedInfra.kafkaBootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.LINGER_MS_CONFIG,
                        1),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    /** The three source topics, compacted, two partitions each for directory and sessions (once per JVM). */
    public static synchronized void createTopics() {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.kafkaBootstrapServers()))) {
            Map<String, String> compact = Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG,
                    TopicConfig.CLEANUP_POLICY_COMPACT,
                    TopicConfig.DELETE_RETENTION_MS_CONFIG,
                    EmbeddedKafka.DELETE_RETENTION_MS);
            for (NewTopic topic : List.of(
                    new NewTopic(Topics.DIRECTORY, 2, (short) 1).configs(compact),
                    new NewTopic(Topics.SESSIONS, 2, (short) 1).configs(compact),
                    new NewTopic(Topics.COLLECTORS, 1, (short) 1).configs(compact))) {
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException(e.getCause());
                    }
                }
            }
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    public static DirectoryObject object(DirectoryObjectKind kind, String domain, String name, List<String> groups) {
        return new DirectoryObject(
                UUID.randomUUID().toString(),
                DirectoryObject.SCHEMA_VERSION,
                kind,
                domain,
                "guid-" + domain + "-" + kind.wireName() + "-" + name,
                "CN=" + name + ",DC=" + domain.replace(".", ",DC="),
                name,
                kind == DirectoryObjectKind.USER ? name + "@" + domain : null,
                name,
                List.of(),
                groups,
                null,
                null,
                false,
                Instant.now(),
                null);
    }

    public static SessionState session(String ip, String domain, String user, List<String> roles) {
        return new SessionState(
                UUID.randomUUID().toString(),
                SessionState.SCHEMA_VERSION,
                ip,
                domain,
                user,
                roles,
                null,
                null,
                new EventSource("dc1", "syslog", "10.0.0.1"),
                Instant.now(),
                Instant.now().plusSeconds(3600),
                SEQ.incrementAndGet());
    }

    /** A heartbeat of a collector serving {@code domains}. */
    public static CollectorStatus collector(String id, String description, String... domains) {
        return new CollectorStatus(
                UUID.randomUUID().toString(),
                CollectorStatus.SCHEMA_VERSION,
                id,
                "1.2.3",
                CollectorState.RUNNING,
                description,
                Instant.now(),
                Map.of(),
                List.of(domains));
    }

    public void directory(DirectoryObject object) {
        send(Topics.DIRECTORY, object.key(), JsonCodec.toBytes(object));
    }

    public void deleteDirectory(DirectoryObject object) {
        send(Topics.DIRECTORY, object.key(), null);
    }

    public void session(SessionState session) {
        send(Topics.SESSIONS, session.ip(), JsonCodec.toBytes(session));
    }

    public void endSession(String ip) {
        send(Topics.SESSIONS, ip, null);
    }

    public void collector(CollectorStatus status) {
        send(Topics.COLLECTORS, status.collectorId(), JsonCodec.toBytes(status));
    }

    /** Sends and waits for the broker's acknowledgement; the record's partition and offset. */
    public RecordMetadata send(String topic, String key, byte[] value) {
        try {
            return producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}

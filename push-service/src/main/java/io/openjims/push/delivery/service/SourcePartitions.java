package io.openjims.push.delivery.service;

import io.openjims.push.tenant.service.TenantKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The source topic partitions of one tenant on its own Kafka consumer. Partitions are assigned directly (no consumer
 * group): positions are ours, kept in PostgreSQL under the names {@link #name(TopicPartition)} gives.
 */
final class SourcePartitions implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final WorkerOptions options;
    private final WorkerControl control;
    private final Comparator<TopicPartition> order;
    private List<TopicPartition> partitions = List.of();

    SourcePartitions(UUID tenantId, WorkerOptions options, WorkerControl control) {
        this.options = options;
        this.control = control;
        this.order = Comparator.comparing((TopicPartition tp) -> source(tp.topic()))
                .thenComparingInt(TopicPartition::partition);
        Map<String, Object> props = new HashMap<>(options.consumerProperties());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "openjims-push-" + tenantId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** The partitions in use, in source then partition order. */
    List<TopicPartition> all() {
        return partitions;
    }

    void use(List<TopicPartition> now) {
        partitions = now;
    }

    /** The partitions of the topics the tenant reads (collectors only for Secure Edge), as the broker knows them now. */
    List<TopicPartition> discover(TenantSettings s) {
        List<String> topics = new ArrayList<>(List.of(options.directoryTopic(), options.sessionsTopic()));
        if (s.kind() == TenantKind.SECURE_EDGE) {
            topics.add(options.collectorsTopic());
        }
        List<TopicPartition> out = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null) {
                infos.forEach(p -> out.add(new TopicPartition(p.topic(), p.partition())));
            }
        }
        out.sort(order);
        return out;
    }

    /** Source, then partition: the order batches list their items in. */
    Comparator<TopicPartition> order() {
        return order;
    }

    /** Reads the partitions in use from their beginning. */
    void readAllFromBeginning() {
        consumer.assign(partitions);
        consumer.resume(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Also reads {@code added} partitions, from their beginning. */
    void readAlsoFromBeginning(Collection<TopicPartition> added) {
        Set<TopicPartition> assigned = new HashSet<>(consumer.assignment());
        assigned.addAll(added);
        consumer.assign(assigned);
        consumer.seekToBeginning(added);
    }

    long position(TopicPartition tp) {
        return consumer.position(tp);
    }

    Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> of) {
        return consumer.beginningOffsets(of);
    }

    Map<TopicPartition, Long> endOffsets() {
        return consumer.endOffsets(partitions);
    }

    Map<TopicPartition, Long> endOffsets(Duration timeout) {
        return consumer.endOffsets(partitions, timeout);
    }

    void pause(TopicPartition tp) {
        consumer.pause(List.of(tp));
    }

    void resume(TopicPartition tp) {
        consumer.resume(List.of(tp));
    }

    /** Polls, or only waits while no source topic exists yet (a consumer without partitions cannot poll). */
    Iterable<ConsumerRecord<String, byte[]>> poll(Duration timeout) {
        if (consumer.assignment().isEmpty()) {
            TenantSettings s = control.settings();
            control.await(timeout.isZero() ? Duration.ofMillis(1) : timeout, s.configVersion());
            return List.of();
        }
        return consumer.poll(timeout);
    }

    /** Ends a poll or any other blocking call of the consumer; callable from any thread. */
    void wakeup() {
        consumer.wakeup();
    }

    SourceTopic source(String topic) {
        if (topic.equals(options.directoryTopic())) {
            return SourceTopic.DIRECTORY;
        }
        if (topic.equals(options.sessionsTopic())) {
            return SourceTopic.SESSIONS;
        }
        return SourceTopic.COLLECTORS;
    }

    String topic(SourceTopic source) {
        return switch (source) {
            case DIRECTORY -> options.directoryTopic();
            case SESSIONS -> options.sessionsTopic();
            case COLLECTORS -> options.collectorsTopic();
        };
    }

    @Override
    public void close() {
        consumer.close();
    }

    /** A partition's name in the stored positions: {@code topic:partition}. */
    static String name(TopicPartition tp) {
        return tp.topic() + ":" + tp.partition();
    }

    static Map<String, Long> names(Map<TopicPartition, Long> offsets) {
        Map<String, Long> out = new TreeMap<>();
        offsets.forEach((tp, offset) -> out.put(name(tp), offset));
        return out;
    }

    static Map<TopicPartition, Long> byPartition(Map<String, Long> offsets) {
        Map<TopicPartition, Long> out = new HashMap<>();
        if (offsets != null) {
            offsets.forEach((key, offset) -> {
                int colon = key.lastIndexOf(':');
                out.put(
                        new TopicPartition(key.substring(0, colon), Integer.parseInt(key.substring(colon + 1))),
                        offset);
            });
        }
        return out;
    }
}

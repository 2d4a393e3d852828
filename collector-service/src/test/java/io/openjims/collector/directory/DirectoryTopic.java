package io.openjims.collector.directory;

import io.openjims.devinfra.SharedInfra;
import io.openjims.model.DirectoryObject;
import io.openjims.model.Topics;
import io.openjims.model.kafka.DirectoryObjectDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the directory topic of the shared test broker from the beginning in the background and keeps the records of
 * one domain (key prefix {@code domain/}), tombstones included.
 */
public final class DirectoryTopic implements AutoCloseable {

    /** One record as it arrived; value null for a tombstone. */
    public record Rec(String key, DirectoryObject value) {}

    private final String prefix;
    private final List<Rec> records = new CopyOnWriteArrayList<>();
    private final KafkaConsumer<String, DirectoryObject> consumer;
    private final Thread thread;
    private volatile boolean running = true;
    /** When the reader last found itself at the end offsets of every partition (System.nanoTime). */
    private volatile long caughtUpAt = Long.MIN_VALUE;

    public DirectoryTopic(String domain) {
        this.prefix = domain + "/";
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfra.kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false);
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new DirectoryObjectDeserializer());
        thread = new Thread(this::run, "directory-topic-" + domain);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            List<TopicPartition> partitions = List.of();
            while (running && partitions.isEmpty()) {
                partitions = consumer.partitionsFor(Topics.DIRECTORY, Duration.ofSeconds(30)).stream()
                        .map(info -> new TopicPartition(Topics.DIRECTORY, info.partition()))
                        .toList();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                long polledAt = System.nanoTime();
                for (ConsumerRecord<String, DirectoryObject> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() != null && r.key().startsWith(prefix)) {
                        records.add(new Rec(r.key(), r.value()));
                    }
                }
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                if (end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUpAt = polledAt;
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    /** Waits until every record published before this call has been read. */
    public void awaitCaughtUp() {
        long asked = System.nanoTime();
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> caughtUpAt - asked > 0);
    }

    public List<Rec> records() {
        return new ArrayList<>(records);
    }

    public int size() {
        return records.size();
    }

    /** The latest value of every key, tombstoned keys left out. */
    public Map<String, DirectoryObject> current() {
        Map<String, DirectoryObject> state = new java.util.HashMap<>();
        for (Rec r : records) {
            if (r.value() == null) {
                state.remove(r.key());
            } else {
                state.put(r.key(), r.value());
            }
        }
        return state;
    }

    /** The latest non-deleted object with this name and kind. */
    public Optional<DirectoryObject> byName(String kind, String name) {
        return current().values().stream()
                .filter(o -> o.kind().wireName().equals(kind) && o.name().equalsIgnoreCase(name))
                .findFirst();
    }

    /** Records published under a key since the given position in the record list. */
    public List<Rec> since(int position) {
        List<Rec> all = records();
        return all.subList(Math.min(position, all.size()), all.size());
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}

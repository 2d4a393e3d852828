package io.openjims.collector.syslog.listener;

import io.openjims.devinfra.SharedInfra;
import io.openjims.model.IdentityEvent;
import io.openjims.model.Topics;
import io.openjims.model.kafka.IdentityEventDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads identity.events from the shared test broker (from the beginning, own consumer group). */
public final class EventsTopic implements AutoCloseable {

    private final KafkaConsumer<String, IdentityEvent> consumer;
    private final List<ConsumerRecord<String, IdentityEvent>> seen = new ArrayList<>();

    public EventsTopic() {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        SharedInfra.kafkaBootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "syslog-test-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new IdentityEventDeserializer());
        consumer.subscribe(List.of(Topics.EVENTS));
    }

    /** Polls until records matching the filter reach the count (or the time is up); returns those seen. */
    public List<ConsumerRecord<String, IdentityEvent>> await(
            Predicate<ConsumerRecord<String, IdentityEvent>> filter, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && matching(filter).size() < count) {
            for (ConsumerRecord<String, IdentityEvent> record : consumer.poll(Duration.ofMillis(200))) {
                seen.add(record);
            }
        }
        return matching(filter);
    }

    private List<ConsumerRecord<String, IdentityEvent>> matching(Predicate<ConsumerRecord<String, IdentityEvent>> f) {
        return seen.stream().filter(f).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}

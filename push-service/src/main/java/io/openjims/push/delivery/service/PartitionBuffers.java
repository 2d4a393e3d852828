package io.openjims.push.delivery.service;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Polled records not yet in a batch, per partition in source then partition order. A partition whose buffer grows
 * past {@link #PAUSE_ABOVE} is paused at the consumer until it drains below {@link #RESUME_BELOW}.
 */
final class PartitionBuffers {

    static final int PAUSE_ABOVE = 5_000;
    static final int RESUME_BELOW = 1_000;

    private final SourcePartitions sources;
    private final Map<TopicPartition, ArrayDeque<ConsumerRecord<String, byte[]>>> buffers;
    private final Set<TopicPartition> paused = new HashSet<>();

    PartitionBuffers(SourcePartitions sources) {
        this.sources = sources;
        this.buffers = new TreeMap<>(sources.order());
        sources.all().forEach(this::add);
    }

    void add(TopicPartition tp) {
        buffers.put(tp, new ArrayDeque<>());
    }

    boolean contains(TopicPartition tp) {
        return buffers.containsKey(tp);
    }

    ArrayDeque<ConsumerRecord<String, byte[]>> of(TopicPartition tp) {
        return buffers.get(tp);
    }

    /** Every partition's buffer, in source then partition order. */
    Map<TopicPartition, ArrayDeque<ConsumerRecord<String, byte[]>>> all() {
        return buffers;
    }

    void add(Iterable<ConsumerRecord<String, byte[]>> polled) {
        for (ConsumerRecord<String, byte[]> r : polled) {
            buffers.get(new TopicPartition(r.topic(), r.partition())).addLast(r);
        }
    }

    /** Pauses fetching for partitions with a long buffer, resumes it for those that drained. */
    void throttle() {
        for (var e : buffers.entrySet()) {
            int size = e.getValue().size();
            if (size > PAUSE_ABOVE && paused.add(e.getKey())) {
                sources.pause(e.getKey());
            } else if (size < RESUME_BELOW && paused.remove(e.getKey())) {
                sources.resume(e.getKey());
            }
        }
    }
}

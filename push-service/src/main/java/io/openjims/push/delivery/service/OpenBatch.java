package io.openjims.push.delivery.service;

import io.openjims.push.delivery.model.PushItem;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The live batch being built: its items in source, partition, offset order and the offset range it covers. A batch
 * sent before a restart but never acknowledged is rebuilt with its stored id and upper bound, so the same items go
 * out again.
 */
final class OpenBatch {

    final Map<TopicPartition, Long> from;
    final Map<TopicPartition, Long> to;
    /** Where a resent batch ends (exclusive), or null for a new batch that ends when full or due. */
    final Map<TopicPartition, Long> bound;
    /** The id of a resent batch, or null. */
    final UUID fixedId;

    final TreeMap<long[], byte[]> items = new TreeMap<>(OpenBatch::compare);
    long firstItemAt;
    /** The newest record time (epoch millis) the batch covers, delivered or passed over; 0 before any. */
    long newestRecordAt;

    OpenBatch(Map<TopicPartition, Long> from, Map<TopicPartition, Long> bound, UUID fixedId) {
        this.from = new HashMap<>(from);
        this.to = new HashMap<>(from);
        this.bound = bound;
        this.fixedId = fixedId;
    }

    static OpenBatch startingAt(Map<TopicPartition, Long> from) {
        return new OpenBatch(from, null, null);
    }

    /** Whether records were passed since the batch began (with or without items). */
    boolean advanced() {
        return !to.equals(from);
    }

    /** Adds a partition the batch did not know, starting (and ending so far) at {@code offset}. */
    void startPartition(TopicPartition tp, long offset) {
        from.put(tp, offset);
        to.put(tp, offset);
    }

    /** Whether a new batch is full or its oldest item waited {@code maxDelayNanos}. */
    boolean due(int maxItems, long maxDelayNanos) {
        return items.size() >= maxItems || (!items.isEmpty() && System.nanoTime() - firstItemAt >= maxDelayNanos);
    }

    /**
     * Moves buffered records into the batch, partition by partition, until it is full (a new batch) or reaches its
     * bound (a resent one). Records before the batch's start were delivered before: they only rebuild {@code view}.
     * A record the view cannot apply is dead-lettered by {@code applier} and passed over.
     */
    void fill(
            DeliveredState view,
            PartitionBuffers buffers,
            SourcePartitions sources,
            int maxItems,
            SharedRecord current,
            RecordApplier applier) {
        for (var entry : buffers.all().entrySet()) {
            TopicPartition tp = entry.getKey();
            ArrayDeque<ConsumerRecord<String, byte[]>> buffer = entry.getValue();
            SourceTopic source = sources.source(tp.topic());
            long start = from.getOrDefault(tp, 0L);
            while (!buffer.isEmpty()) {
                ConsumerRecord<String, byte[]> r = buffer.peekFirst();
                SharedRecord shared = view.reads(source) ? current.of(tp, r) : null;
                if (r.offset() < start) {
                    if (shared != null) {
                        applier.apply(
                                view,
                                source,
                                tp.topic(),
                                tp.partition(),
                                r.offset(),
                                r.key(),
                                r.value(),
                                r.timestamp(),
                                shared,
                                false);
                    }
                    buffer.pollFirst();
                    continue;
                }
                if (bound != null) {
                    if (r.offset() >= bound.getOrDefault(tp, start)) {
                        break;
                    }
                } else if (items.size() >= maxItems) {
                    return;
                }
                PushItem item = shared != null
                        ? applier.apply(
                                view,
                                source,
                                tp.topic(),
                                tp.partition(),
                                r.offset(),
                                r.key(),
                                r.value(),
                                r.timestamp(),
                                shared,
                                true)
                        : null;
                to.put(tp, r.offset() + 1);
                newestRecordAt = Math.max(newestRecordAt, r.timestamp());
                if (item != null) {
                    if (items.isEmpty()) {
                        firstItemAt = System.nanoTime();
                    }
                    items.put(new long[] {source.ordinal(), tp.partition(), r.offset()}, shared.json(item));
                }
                buffer.pollFirst();
            }
        }
    }

    /** Whether a resent batch has every record up to its bound (or the partition holds no more). */
    boolean reachedBound(PartitionBuffers buffers, SourcePartitions sources) {
        for (var e : bound.entrySet()) {
            TopicPartition tp = e.getKey();
            long end = e.getValue();
            if (!buffers.contains(tp) || to.getOrDefault(tp, 0L) >= end) {
                continue;
            }
            if (!(buffers.of(tp).isEmpty() && sources.position(tp) >= end)) {
                return false;
            }
        }
        return true;
    }

    private static int compare(long[] a, long[] b) {
        for (int i = 0; i < a.length; i++) {
            int c = Long.compare(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}

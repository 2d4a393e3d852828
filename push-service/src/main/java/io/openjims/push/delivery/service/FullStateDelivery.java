package io.openjims.push.delivery.service;

import static io.openjims.push.delivery.service.SourcePartitions.name;

import io.openjims.push.delivery.model.PushItem;
import io.openjims.push.delivery.model.PushStats;
import io.openjims.push.delivery.repository.DeliveryState;
import io.openjims.push.tenant.service.TenantKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Sends a new or resynced tenant the full current state of its domains: the source topics read from the beginning up
 * to end offsets fixed when the snapshot began, reduced to the latest value per key. An interrupted snapshot of the
 * same generation resumes at its first unacknowledged batch, with the same batch ids.
 */
final class FullStateDelivery {

    private static final Logger LOG = Logger.getLogger(FullStateDelivery.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final DeliveryRow row;
    private final WorkerOptions options;
    private final WorkerControl control;
    private final SourcePartitions sources;
    private final BatchSender sender;
    private final RecordApplier applier;
    private final LagMeter lag;

    private record Latest(SourceTopic source, int partition, long offset, String key, byte[] value, long timestamp) {}

    FullStateDelivery(
            DeliveryRow row,
            WorkerOptions options,
            WorkerControl control,
            SourcePartitions sources,
            BatchSender sender,
            RecordApplier applier,
            LagMeter lag) {
        this.row = row;
        this.applier = applier;
        this.lag = lag;
        this.options = options;
        this.control = control;
        this.sources = sources;
        this.sender = sender;
    }

    void send(TenantSettings s, DeliveryState state) {
        lag.live(false);
        long generation = s.resyncGeneration();
        Map<String, Long> end;
        int acked;
        if (state.snapshotGeneration() == generation && state.snapshotEnd() != null && !state.snapshotComplete()) {
            end = state.snapshotEnd();
            acked = state.snapshotAcked();
        } else {
            end = SourcePartitions.names(sources.endOffsets());
            WorkerControl.requireOwned(row.startSnapshot(generation, end), WorkerControl.LOST_TENANT);
            acked = 0;
        }
        long started = System.nanoTime();
        List<Latest> ordered = latest(s, generation, end);
        DeliveredState fresh = new DeliveredState(s.domains(), s.kind() == TenantKind.SECURE_EDGE);
        List<byte[]> items = new ArrayList<>();
        for (Latest l : ordered) {
            RecordCache.Entry shared =
                    options.records().entry(sources.topic(l.source()), l.partition(), l.offset(), l.value());
            PushItem item = applier.apply(
                    fresh,
                    l.source(),
                    sources.topic(l.source()),
                    l.partition(),
                    l.offset(),
                    l.key(),
                    l.value(),
                    l.timestamp(),
                    shared,
                    true);
            if (item != null) {
                items.add(shared.json(item));
            }
        }
        PushStats stats = s.kind() == TenantKind.SECURE_EDGE ? fresh.stats() : null;
        int max = options.batchMaxItems();
        int batches = Math.max(1, (items.size() + max - 1) / max);
        LOG.infof(
                "Full state for %s: %d items in %d batches (read in %d ms), from batch %d",
                s.name(), items.size(), batches, (System.nanoTime() - started) / 1_000_000, acked);
        for (int i = acked; i < batches; i++) {
            List<byte[]> slice = items.subList(Math.min(items.size(), i * max), Math.min(items.size(), (i + 1) * max));
            UUID batchId = UUID.nameUUIDFromBytes(
                    (row.tenantId() + ":snapshot:" + generation + ":" + i + ":" + new TreeMap<>(end))
                            .getBytes(StandardCharsets.UTF_8));
            sender.send(batchId, slice, stats, generation);
            boolean last = i == batches - 1;
            WorkerControl.requireOwned(
                    row.ackSnapshotBatch(generation, i + 1, slice.size(), last ? end : null, Instant.now()),
                    "another instance delivers this tenant, or a new resync began");
        }
    }

    /** The latest value per key below {@code end} that may concern the tenant, in source, partition, offset order. */
    private List<Latest> latest(TenantSettings s, long generation, Map<String, Long> end) {
        DeliveredState probe = new DeliveredState(s.domains(), s.kind() == TenantKind.SECURE_EDGE);
        Map<String, Latest> latest = new HashMap<>();
        sources.readAllFromBeginning();
        Set<TopicPartition> open = new HashSet<>();
        for (TopicPartition tp : sources.all()) {
            if (sources.position(tp) < end.getOrDefault(name(tp), 0L)) {
                open.add(tp);
            }
        }
        while (!open.isEmpty()) {
            control.checkInterrupts(generation);
            for (ConsumerRecord<String, byte[]> r : sources.poll(POLL)) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (r.key() == null || r.offset() >= end.getOrDefault(name(tp), 0L)) {
                    continue;
                }
                SourceTopic source = sources.source(r.topic());
                String key = source.ordinal() + "\u0000" + r.key();
                if (r.value() != null && probe.mayConcern(source, r.key(), r.value())) {
                    latest.put(key, new Latest(source, r.partition(), r.offset(), r.key(), r.value(), r.timestamp()));
                } else {
                    latest.remove(key);
                }
            }
            open.removeIf(tp -> sources.position(tp) >= end.getOrDefault(name(tp), 0L));
        }
        List<Latest> ordered = new ArrayList<>(latest.values());
        ordered.sort(Comparator.comparing(Latest::source)
                .thenComparingInt(Latest::partition)
                .thenComparingLong(Latest::offset));
        return ordered;
    }
}

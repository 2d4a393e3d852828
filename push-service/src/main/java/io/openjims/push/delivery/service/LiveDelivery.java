package io.openjims.push.delivery.service;

import static io.openjims.push.delivery.service.SourcePartitions.name;
import static io.openjims.push.delivery.service.SourcePartitions.names;

import io.openjims.push.delivery.repository.DeliveryState;
import io.openjims.push.tenant.service.TenantKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Sends the changes after the tenant's position, in batches that end when full or when their oldest item waited the
 * batch delay. The view of what the tenant was told is rebuilt first by reading, silently, everything before its
 * position; a batch left unacknowledged by a restart is sent again first, with its id and range.
 */
final class LiveDelivery {

    private static final Logger LOG = Logger.getLogger(LiveDelivery.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(100);
    private static final Duration DISCOVERY_INTERVAL = Duration.ofSeconds(10);

    private final DeliveryRow row;
    private final WorkerOptions options;
    private final WorkerControl control;
    private final SourcePartitions sources;
    private final LagMeter lag;
    private final BatchSender sender;
    private final LiveAcks acks;
    private final SharedRecord current;

    LiveDelivery(
            DeliveryRow row,
            WorkerOptions options,
            WorkerControl control,
            SourcePartitions sources,
            LagMeter lag,
            BatchSender sender,
            LiveAcks acks) {
        this.row = row;
        this.options = options;
        this.control = control;
        this.sources = sources;
        this.lag = lag;
        this.sender = sender;
        this.acks = acks;
        this.current = new SharedRecord(options.records());
    }

    /** Delivers until stopped, a resync is requested or a write fails (each ends it with an exception). */
    void run(TenantSettings s, DeliveryState state) {
        long generation = state.snapshotGeneration();
        boolean secureEdge = s.kind() == TenantKind.SECURE_EDGE;
        int maxItems = options.batchMaxItems();
        long maxDelay = options.batchMaxDelay().toNanos();
        DeliveredState view = new DeliveredState(s.domains(), secureEdge);
        List<TopicPartition> partitions = sources.all();
        Map<TopicPartition, Long> beginnings = sources.beginningOffsets(partitions);
        Map<TopicPartition, Long> delivered = new HashMap<>();
        for (TopicPartition tp : partitions) {
            Long stored = state.positions() == null ? null : state.positions().get(name(tp));
            delivered.put(tp, stored != null ? stored : beginnings.getOrDefault(tp, 0L));
        }
        lag.deliveredUpTo(delivered);
        lag.readUpTo(state.readUpTo());
        lag.live(true);
        sources.readAllFromBeginning();
        PartitionBuffers buffers = new PartitionBuffers(sources);
        OpenBatch batch = state.pendingBatchId() == null
                ? OpenBatch.startingAt(delivered)
                : new OpenBatch(delivered, SourcePartitions.byPartition(state.pendingTo()), state.pendingBatchId());
        if (batch.fixedId != null) {
            LOG.infof("Resending the unacknowledged batch %s to %s", batch.fixedId, s.name());
        }
        RecordApplier applier = new RecordApplier(row.tenantId(), options.deadLetters());
        long lastProgress = System.nanoTime();
        long lastDiscovery = System.nanoTime();
        while (true) {
            control.checkInterrupts(generation);
            if (System.nanoTime() - lastDiscovery > DISCOVERY_INTERVAL.toNanos()) {
                lastDiscovery = System.nanoTime();
                addNewPartitions(s, buffers, batch);
            }
            buffers.add(sources.poll(pollTimeout(batch, maxItems, maxDelay)));
            buffers.throttle();
            batch.fill(view, buffers, sources, maxItems, current, applier);
            boolean seal = batch.bound != null ? batch.reachedBound(buffers, sources) : batch.due(maxItems, maxDelay);
            if (seal) {
                Map<TopicPartition, Long> to = new HashMap<>(batch.to);
                if (batch.bound != null) {
                    to.putAll(batch.bound);
                }
                UUID batchId = batch.fixedId;
                if (batchId == null) {
                    batchId = UUID.randomUUID();
                    acks.savePending(batchId, names(batch.from), names(to));
                } else {
                    acks.flush();
                }
                List<byte[]> items = new ArrayList<>(batch.items.values());
                sender.send(batchId, items, secureEdge ? view.stats() : null, generation);
                lag.deliveredUpTo(to);
                lag.readUpTo(recordTime(batch));
                acks.acknowledged(names(to), items.size());
                batch = OpenBatch.startingAt(to);
                batch.fill(view, buffers, sources, maxItems, current, applier);
                if (batch.items.size() < maxItems) {
                    // No full batch waiting: write the acknowledgement now. Behind a backlog it goes with the next one.
                    acks.flush();
                }
                lastProgress = System.nanoTime();
            } else if (acks.waited(maxDelay)) {
                acks.flush();
            } else if (System.nanoTime() - lastProgress
                    > options.progressInterval().toNanos()) {
                lastProgress = System.nanoTime();
                acks.flush();
                long currentLag = Math.max(0, lag.refresh(true));
                boolean ok;
                if (batch.items.isEmpty() && batch.bound == null && batch.advanced()) {
                    // Only other domains' records passed: remember that, so a restart need not read them again.
                    lag.deliveredUpTo(new HashMap<>(batch.to));
                    lag.readUpTo(recordTime(batch));
                    ok = row.saveProgress(names(batch.to), currentLag, lag.readUpTo());
                    batch = OpenBatch.startingAt(batch.to);
                } else {
                    ok = row.saveLag(currentLag, lag.readUpTo());
                }
                WorkerControl.requireOwned(ok, WorkerControl.LOST_TENANT);
            }
        }
    }

    private static Instant recordTime(OpenBatch batch) {
        return batch.newestRecordAt > 0 ? Instant.ofEpochMilli(batch.newestRecordAt) : null;
    }

    /** Zero with a full batch waiting, until the batch is due with items, else the idle poll. */
    private static Duration pollTimeout(OpenBatch batch, int maxItems, long maxDelay) {
        if (batch.items.size() >= maxItems) {
            return Duration.ZERO;
        }
        if (!batch.items.isEmpty()) {
            long left = maxDelay - (System.nanoTime() - batch.firstItemAt);
            return Duration.ofNanos(Math.max(0, Math.min(left, IDLE_POLL.toNanos())));
        }
        return IDLE_POLL;
    }

    private void addNewPartitions(TenantSettings s, PartitionBuffers buffers, OpenBatch batch) {
        List<TopicPartition> now = sources.discover(s);
        List<TopicPartition> added =
                now.stream().filter(tp -> !buffers.contains(tp)).toList();
        if (added.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> beginnings = sources.beginningOffsets(added);
        for (TopicPartition tp : added) {
            long begin = beginnings.getOrDefault(tp, 0L);
            buffers.add(tp);
            batch.startPartition(tp, begin);
            lag.delivered().put(tp, begin);
        }
        sources.use(now);
        sources.readAlsoFromBeginning(added);
        LOG.infof("Delivery to %s now also reads %s", s.name(), added);
    }
}

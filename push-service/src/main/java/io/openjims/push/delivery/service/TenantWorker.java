package io.openjims.push.delivery.service;

import io.openjims.push.delivery.model.PushBatch;
import io.openjims.push.delivery.model.PushItem;
import io.openjims.push.delivery.model.PushStats;
import io.openjims.push.delivery.repository.DeliveryState;
import io.openjims.push.delivery.repository.DeliveryStore;
import io.openjims.push.tenant.service.TenantKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Delivers one tenant, on its own thread with its own Kafka consumer, so a slow or dead tenant holds back no other.
 *
 * <p>The position (next offset per topic partition) lives in PostgreSQL and moves only when the tenant acknowledged a
 * batch with a 2xx. A batch is remembered (id and offset range) before it is first sent, so after a restart the same
 * items go out again with the same {@code batch_id}. A new tenant, or a resync, first gets the full current state of
 * its domains (the compacted topics read from the beginning and reduced to the latest value per key), then the
 * changes after it. Consumers are assigned partitions directly (no consumer group): positions are ours.
 */
public final class TenantWorker implements Runnable {

    private static final Logger LOG = Logger.getLogger(TenantWorker.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(100);
    private static final Duration DISCOVERY_INTERVAL = Duration.ofSeconds(10);
    private static final int PAUSE_ABOVE = 5_000;
    private static final int RESUME_BELOW = 1_000;

    private final UUID tenantId;
    private final String owner;
    private final DeliveryStore store;
    private final WorkerOptions options;
    private final Object signal = new Object();
    private volatile TenantSettings settings;
    private volatile boolean running = true;
    private volatile Thread thread;

    private KafkaConsumer<String, byte[]> consumer;
    private TenantTransport transport;
    private long transportVersion = Long.MIN_VALUE;
    private String transportError;
    private Map<TopicPartition, Long> delivered = new HashMap<>();
    private List<TopicPartition> partitions = List.of();
    private long lastLagAt;
    private long lag = -1;
    /** A live batch the tenant acknowledged whose acknowledgement is not written yet (at most one). */
    private Ack unacked;

    private record Ack(Map<String, Long> positions, int items, Instant at, long nanos) {}

    /** Thrown to start over with a new full-state snapshot. */
    private static final class ResyncRequested extends RuntimeException {
        ResyncRequested() {
            super(null, null, false, false);
        }
    }

    /** Thrown when the worker must end: stopped, or another instance owns the tenant now. */
    private static final class Stop extends RuntimeException {
        Stop(String why) {
            super(why, null, false, false);
        }
    }

    public TenantWorker(TenantSettings settings, String owner, DeliveryStore store, WorkerOptions options) {
        this.tenantId = settings.id();
        this.settings = settings;
        this.owner = owner;
        this.store = store;
        this.options = options;
    }

    public void start() {
        Thread t = new Thread(this, "push-tenant-" + settings.name());
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    public TenantSettings settings() {
        return settings;
    }

    public boolean isAlive() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    /** New settings (password, endpoint, TLS, resync); a waiting retry is woken to use them at once. */
    public void update(TenantSettings next) {
        this.settings = next;
        wake();
    }

    /** Stops the worker and waits for its thread to end (a request in flight may take up to its timeout). */
    public void stop(Duration wait) {
        running = false;
        wake();
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void run() {
        LOG.infof("Delivery to %s started", settings);
        Map<String, Object> props = new HashMap<>(options.consumerProperties());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "openjims-push-" + tenantId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        int failures = 0;
        try (KafkaConsumer<String, byte[]> c =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer = c;
            while (running) {
                try {
                    deliver();
                } catch (ResyncRequested r) {
                    LOG.infof("Resync of %s: sending the full state again", settings.name());
                } catch (Stop | WakeupException s) {
                    if (s instanceof Stop stop && running) {
                        LOG.infof("Delivery to %s ends: %s", settings.name(), stop.getMessage());
                    }
                    break;
                } catch (RuntimeException e) {
                    if (!running) {
                        break;
                    }
                    failures++;
                    LOG.warnf(e, "Delivery to %s failed internally; retrying", settings.name());
                    store.recordFailure(
                            tenantId,
                            owner,
                            "internal: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
                            Instant.now());
                    await(options.backoff().delay(failures), settings.configVersion());
                }
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Delivery to %s stopped", settings.name());
        } finally {
            consumer = null;
            running = false;
            LOG.infof("Delivery to %s stopped", settings.name());
        }
    }

    private void deliver() {
        DeliveryState state = store.load(tenantId);
        if (state == null) {
            throw new Stop("tenant deleted");
        }
        TenantSettings s = settings;
        partitions = discover(s);
        if (!state.snapshotComplete() || state.snapshotGeneration() != s.resyncGeneration()) {
            sendSnapshot(s, state);
            state = store.load(tenantId);
            if (state == null) {
                throw new Stop("tenant deleted");
            }
        }
        try {
            live(s, state);
        } finally {
            // Leaving (stop, resync, failure): write what the tenant acknowledged, so nothing is sent twice.
            try {
                flushAck();
            } catch (RuntimeException e) {
                LOG.debugf("Acknowledgement for %s not written: %s", s.name(), e.getMessage());
            }
        }
    }

    // ---------------------------------------------------------------- full state

    private record Latest(SourceTopic source, int partition, long offset, String key, byte[] value, long timestamp) {}

    private void sendSnapshot(TenantSettings s, DeliveryState state) {
        long generation = s.resyncGeneration();
        Map<String, Long> end;
        int acked;
        if (state.snapshotGeneration() == generation && state.snapshotEnd() != null && !state.snapshotComplete()) {
            end = state.snapshotEnd();
            acked = state.snapshotAcked();
        } else {
            end = names(consumer.endOffsets(partitions));
            if (!store.startSnapshot(tenantId, owner, generation, end)) {
                throw new Stop("tenant deleted, or delivered by another instance now");
            }
            acked = 0;
        }
        long started = System.nanoTime();
        DeliveredState probe = new DeliveredState(s.domains(), s.kind() == TenantKind.SECURE_EDGE);
        Map<String, Latest> latest = new HashMap<>();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Set<TopicPartition> open = new HashSet<>();
        for (TopicPartition tp : partitions) {
            if (consumer.position(tp) < end.getOrDefault(name(tp), 0L)) {
                open.add(tp);
            }
        }
        while (!open.isEmpty()) {
            checkInterrupts(generation);
            for (ConsumerRecord<String, byte[]> r : poll(IDLE_POLL)) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (r.key() == null || r.offset() >= end.getOrDefault(name(tp), 0L)) {
                    continue;
                }
                SourceTopic source = source(r.topic());
                String key = source.ordinal() + "\u0000" + r.key();
                if (r.value() != null && probe.mayConcern(source, r.key(), r.value())) {
                    latest.put(key, new Latest(source, r.partition(), r.offset(), r.key(), r.value(), r.timestamp()));
                } else {
                    latest.remove(key);
                }
            }
            open.removeIf(tp -> consumer.position(tp) >= end.getOrDefault(name(tp), 0L));
        }
        List<Latest> ordered = new ArrayList<>(latest.values());
        ordered.sort(Comparator.comparing(Latest::source)
                .thenComparingInt(Latest::partition)
                .thenComparingLong(Latest::offset));
        DeliveredState fresh = new DeliveredState(s.domains(), s.kind() == TenantKind.SECURE_EDGE);
        List<byte[]> items = new ArrayList<>();
        for (Latest l : ordered) {
            RecordCache.Entry shared = options.records().entry(name(l.source()), l.partition(), l.offset(), l.value());
            PushItem item = fresh.apply(l.source(), l.key(), l.value(), Instant.ofEpochMilli(l.timestamp()), shared);
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
            UUID batchId =
                    UUID.nameUUIDFromBytes((tenantId + ":snapshot:" + generation + ":" + i + ":" + new TreeMap<>(end))
                            .getBytes(StandardCharsets.UTF_8));
            send(batchId, slice, stats, generation);
            boolean last = i == batches - 1;
            if (!store.ackSnapshotBatch(
                    tenantId, owner, generation, i + 1, slice.size(), last ? end : null, Instant.now())) {
                throw new Stop("another instance delivers this tenant, or a new resync began");
            }
        }
    }

    // ---------------------------------------------------------------- live changes

    /** Items of the batch being built, and the offset range it covers. */
    private static final class OpenBatch {
        final Map<TopicPartition, Long> from;
        final Map<TopicPartition, Long> to;
        final Map<TopicPartition, Long> bound;
        final UUID fixedId;
        final TreeMap<long[], byte[]> items = new TreeMap<>(OpenBatch::compare);
        long firstItemAt;

        OpenBatch(Map<TopicPartition, Long> from, Map<TopicPartition, Long> bound, UUID fixedId) {
            this.from = new HashMap<>(from);
            this.to = new HashMap<>(from);
            this.bound = bound;
            this.fixedId = fixedId;
        }

        boolean advanced() {
            return !to.equals(from);
        }

        static int compare(long[] a, long[] b) {
            for (int i = 0; i < a.length; i++) {
                int c = Long.compare(a[i], b[i]);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }
    }

    private final Comparator<TopicPartition> partitionOrder =
            Comparator.comparing((TopicPartition tp) -> source(tp.topic())).thenComparingInt(TopicPartition::partition);

    private void live(TenantSettings s, DeliveryState state) {
        long generation = state.snapshotGeneration();
        boolean secureEdge = s.kind() == TenantKind.SECURE_EDGE;
        DeliveredState view = new DeliveredState(s.domains(), secureEdge);
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
        delivered = new HashMap<>();
        for (TopicPartition tp : partitions) {
            Long stored = state.positions() == null ? null : state.positions().get(name(tp));
            delivered.put(tp, stored != null ? stored : beginnings.getOrDefault(tp, 0L));
        }
        // Rebuild what the tenant was told by reading, silently, everything before its position.
        consumer.assign(partitions);
        consumer.resume(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, ArrayDeque<ConsumerRecord<String, byte[]>>> buffers = new TreeMap<>(partitionOrder);
        partitions.forEach(tp -> buffers.put(tp, new ArrayDeque<>()));
        OpenBatch batch = state.pendingBatchId() == null
                ? new OpenBatch(delivered, null, null)
                : new OpenBatch(delivered, byPartition(state.pendingTo()), state.pendingBatchId());
        if (batch.fixedId != null) {
            LOG.infof("Resending the unacknowledged batch %s to %s", batch.fixedId, s.name());
        }
        long lastProgress = System.nanoTime();
        long lastDiscovery = System.nanoTime();
        Set<TopicPartition> paused = new HashSet<>();
        while (true) {
            checkInterrupts(generation);
            if (System.nanoTime() - lastDiscovery > DISCOVERY_INTERVAL.toNanos()) {
                lastDiscovery = System.nanoTime();
                addNewPartitions(s, buffers, batch);
            }
            Duration timeout = IDLE_POLL;
            if (batch.items.size() >= options.batchMaxItems()) {
                timeout = Duration.ZERO;
            } else if (!batch.items.isEmpty()) {
                long left = options.batchMaxDelay().toNanos() - (System.nanoTime() - batch.firstItemAt);
                timeout = Duration.ofNanos(Math.max(0, Math.min(left, IDLE_POLL.toNanos())));
            }
            for (ConsumerRecord<String, byte[]> r : poll(timeout)) {
                buffers.get(new TopicPartition(r.topic(), r.partition())).addLast(r);
            }
            for (var e : buffers.entrySet()) {
                int size = e.getValue().size();
                if (size > PAUSE_ABOVE && paused.add(e.getKey())) {
                    consumer.pause(List.of(e.getKey()));
                } else if (size < RESUME_BELOW && paused.remove(e.getKey())) {
                    consumer.resume(List.of(e.getKey()));
                }
            }
            process(view, buffers, batch);
            boolean seal;
            if (batch.bound != null) {
                seal = reachedBound(batch, buffers);
            } else {
                seal = batch.items.size() >= options.batchMaxItems()
                        || (!batch.items.isEmpty()
                                && System.nanoTime() - batch.firstItemAt
                                        >= options.batchMaxDelay().toNanos());
            }
            if (seal) {
                Map<TopicPartition, Long> to = new HashMap<>(batch.to);
                if (batch.bound != null) {
                    to.putAll(batch.bound);
                }
                UUID batchId = batch.fixedId;
                if (batchId == null) {
                    batchId = UUID.randomUUID();
                    // One write: the previous batch's acknowledgement (if not yet written) and this batch.
                    Ack previous = unacked;
                    unacked = null;
                    boolean ok = previous == null
                            ? store.savePending(tenantId, owner, batchId, names(batch.from), names(to))
                            : store.ackLiveAndSavePending(
                                    tenantId,
                                    owner,
                                    previous.positions(),
                                    previous.items(),
                                    Math.max(0, lag),
                                    previous.at(),
                                    batchId,
                                    names(batch.from),
                                    names(to));
                    if (!ok) {
                        throw new Stop("tenant deleted, or delivered by another instance now");
                    }
                } else {
                    flushAck();
                }
                List<byte[]> items = new ArrayList<>(batch.items.values());
                send(batchId, items, secureEdge ? view.stats() : null, generation);
                delivered = to;
                unacked = new Ack(names(to), items.size(), Instant.now(), System.nanoTime());
                batch = new OpenBatch(to, null, null);
                process(view, buffers, batch);
                if (batch.items.size() < options.batchMaxItems()) {
                    // No full batch waiting: write the acknowledgement now. Behind a backlog it goes with the next one.
                    flushAck();
                }
                lastProgress = System.nanoTime();
            } else if (unacked != null
                    && System.nanoTime() - unacked.nanos()
                            >= options.batchMaxDelay().toNanos()) {
                flushAck();
            } else if (System.nanoTime() - lastProgress
                    > options.progressInterval().toNanos()) {
                lastProgress = System.nanoTime();
                flushAck();
                long currentLag = refreshLag(true);
                boolean ok;
                if (batch.items.isEmpty() && batch.bound == null && batch.advanced()) {
                    // Only other domains' records passed: remember that, so a restart need not read them again.
                    delivered = new HashMap<>(batch.to);
                    ok = store.saveProgress(tenantId, owner, names(batch.to), Math.max(0, currentLag));
                    batch = new OpenBatch(batch.to, null, null);
                } else {
                    ok = store.saveLag(tenantId, owner, Math.max(0, currentLag));
                }
                if (!ok) {
                    throw new Stop("tenant deleted, or delivered by another instance now");
                }
            }
        }
    }

    /** Writes the acknowledgement of the last sent batch, if it is not written yet. */
    private void flushAck() {
        Ack ack = unacked;
        if (ack == null) {
            return;
        }
        unacked = null;
        if (!store.ackLive(tenantId, owner, ack.positions(), ack.items(), Math.max(0, lag), ack.at())) {
            throw new Stop("tenant deleted, or delivered by another instance now");
        }
    }

    /**
     * The record being processed, looked up in the shared {@link RecordCache} only when the tenant needs its value
     * (most records of other domains are passed over by a byte search alone). One instance per worker, reused.
     */
    private final class SharedRecord implements DeliveredState.Decoder {
        private TopicPartition tp;
        private ConsumerRecord<String, byte[]> record;
        private RecordCache.Entry entry;

        SharedRecord of(TopicPartition tp, ConsumerRecord<String, byte[]> record) {
            this.tp = tp;
            this.record = record;
            this.entry = null;
            return this;
        }

        private RecordCache.Entry entry() {
            if (entry == null) {
                entry = options.records().entry(tp.topic(), tp.partition(), record.offset(), record.value());
            }
            return entry;
        }

        @Override
        public <T> T decode(byte[] value, Class<T> type) {
            // entry() already compared the record's bytes with the cached ones.
            return value == record.value() ? entry().decodeValue(type) : entry().decode(value, type);
        }

        @Override
        public PushItem item(Supplier<PushItem> make) {
            return entry().item(make);
        }

        byte[] json(PushItem item) {
            return entry == null ? RecordCache.encode(item) : entry.json(item);
        }
    }

    private final SharedRecord current = new SharedRecord();

    private void process(
            DeliveredState view,
            Map<TopicPartition, ArrayDeque<ConsumerRecord<String, byte[]>>> buffers,
            OpenBatch batch) {
        for (var entry : buffers.entrySet()) {
            TopicPartition tp = entry.getKey();
            ArrayDeque<ConsumerRecord<String, byte[]>> buffer = entry.getValue();
            SourceTopic source = source(tp.topic());
            long from = batch.from.getOrDefault(tp, 0L);
            while (!buffer.isEmpty()) {
                ConsumerRecord<String, byte[]> r = buffer.peekFirst();
                SharedRecord shared = view.reads(source) ? current.of(tp, r) : null;
                if (r.offset() < from) {
                    // Already delivered before: only rebuild the view.
                    if (shared != null) {
                        view.apply(source, r.key(), r.value(), Instant.ofEpochMilli(r.timestamp()), shared);
                    }
                    buffer.pollFirst();
                    continue;
                }
                if (batch.bound != null) {
                    if (r.offset() >= batch.bound.getOrDefault(tp, from)) {
                        break;
                    }
                } else if (batch.items.size() >= options.batchMaxItems()) {
                    return;
                }
                PushItem item = shared != null
                        ? view.apply(source, r.key(), r.value(), Instant.ofEpochMilli(r.timestamp()), shared)
                        : null;
                batch.to.put(tp, r.offset() + 1);
                if (item != null) {
                    if (batch.items.isEmpty()) {
                        batch.firstItemAt = System.nanoTime();
                    }
                    batch.items.put(new long[] {source.ordinal(), tp.partition(), r.offset()}, shared.json(item));
                }
                buffer.pollFirst();
            }
        }
    }

    private boolean reachedBound(
            OpenBatch batch, Map<TopicPartition, ArrayDeque<ConsumerRecord<String, byte[]>>> buffers) {
        for (var e : batch.bound.entrySet()) {
            TopicPartition tp = e.getKey();
            long bound = e.getValue();
            if (!buffers.containsKey(tp) || batch.to.getOrDefault(tp, 0L) >= bound) {
                continue;
            }
            if (!(buffers.get(tp).isEmpty() && consumer.position(tp) >= bound)) {
                return false;
            }
        }
        return true;
    }

    private void addNewPartitions(
            TenantSettings s,
            Map<TopicPartition, ArrayDeque<ConsumerRecord<String, byte[]>>> buffers,
            OpenBatch batch) {
        List<TopicPartition> now = discover(s);
        List<TopicPartition> added =
                now.stream().filter(tp -> !buffers.containsKey(tp)).toList();
        if (added.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(added);
        for (TopicPartition tp : added) {
            long begin = beginnings.getOrDefault(tp, 0L);
            buffers.put(tp, new ArrayDeque<>());
            batch.from.put(tp, begin);
            batch.to.put(tp, begin);
            delivered.put(tp, begin);
        }
        partitions = now;
        Set<TopicPartition> assigned = new HashSet<>(consumer.assignment());
        assigned.addAll(added);
        consumer.assign(assigned);
        consumer.seekToBeginning(added);
        LOG.infof("Delivery to %s now also reads %s", s.name(), added);
    }

    // ---------------------------------------------------------------- sending

    /** Sends until the tenant acknowledges with a 2xx; the same id on every attempt. */
    private void send(UUID batchId, List<byte[]> items, PushStats stats, long generation) {
        int attempt = 0;
        while (true) {
            checkInterrupts(generation);
            TenantSettings s = settings;
            SendResult result;
            TenantTransport t = transport(s);
            if (t == null) {
                result = SendResult.failed(0, transportError);
            } else {
                byte[] body = BatchBody.write(
                        PushBatch.SCHEMA_VERSION, s.name(), batchId.toString(), Instant.now(), items, stats);
                result = t.send(body, batchId);
            }
            if (result.acknowledged()) {
                if (attempt > 0) {
                    LOG.infof("Batch %s delivered to %s after %d failed attempts", batchId, s.name(), attempt);
                }
                return;
            }
            attempt++;
            if (attempt == 1 || attempt % 10 == 0) {
                LOG.warnf("Push of batch %s to %s failed (attempt %d): %s", batchId, s.name(), attempt, result.error());
            }
            if (!store.recordFailure(tenantId, owner, result.error(), Instant.now())) {
                throw new Stop("tenant deleted, or delivered by another instance now");
            }
            refreshLag(false);
            if (await(options.backoff().delay(attempt), s.configVersion())) {
                attempt = 0;
            }
        }
    }

    private TenantTransport transport(TenantSettings s) {
        if (transportVersion != s.configVersion()) {
            transportVersion = s.configVersion();
            if (transport != null) {
                transport.close();
            }
            try {
                transport = TenantTransport.create(s, options.connectTimeout(), options.requestTimeout());
                transportError = null;
            } catch (IllegalArgumentException e) {
                transport = null;
                transportError = e.getMessage();
            }
        }
        return transport;
    }

    /** Waits up to {@code delay}; returns true early when the tenant's settings changed (e.g. a new password). */
    private boolean await(Duration delay, long configVersion) {
        long deadline = System.nanoTime() + delay.toNanos();
        synchronized (signal) {
            while (running && settings.configVersion() == configVersion) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    signal.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Stop("interrupted");
                }
            }
        }
        return running;
    }

    private void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private void checkInterrupts(long generation) {
        if (!running) {
            throw new Stop("stopped");
        }
        if (settings.resyncGeneration() != generation) {
            throw new ResyncRequested();
        }
    }

    /** Records in the source partitions after the tenant's position (delivered or filtered). */
    private long refreshLag(boolean callerSaves) {
        long now = System.nanoTime();
        if (lag >= 0 && now - lastLagAt < options.progressInterval().toNanos() / 2) {
            return lag;
        }
        lastLagAt = now;
        try {
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(5));
            long sum = 0;
            for (var e : ends.entrySet()) {
                sum += Math.max(0, e.getValue() - delivered.getOrDefault(e.getKey(), 0L));
            }
            lag = sum;
            if (!callerSaves) {
                store.saveLag(tenantId, owner, lag);
            }
        } catch (RuntimeException e) {
            if (e instanceof WakeupException) {
                throw e;
            }
            LOG.debugf("Lag of %s unknown: %s", settings.name(), e.getMessage());
        }
        return lag;
    }

    // ---------------------------------------------------------------- topics

    /** Polls, or only waits while no source topic exists yet (a consumer without partitions cannot poll). */
    private Iterable<ConsumerRecord<String, byte[]>> poll(Duration timeout) {
        if (consumer.assignment().isEmpty()) {
            await(timeout.isZero() ? Duration.ofMillis(1) : timeout, settings.configVersion());
            return List.of();
        }
        return consumer.poll(timeout);
    }

    private List<TopicPartition> discover(TenantSettings s) {
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
        out.sort(partitionOrder);
        return out;
    }

    private SourceTopic source(String topic) {
        if (topic.equals(options.directoryTopic())) {
            return SourceTopic.DIRECTORY;
        }
        if (topic.equals(options.sessionsTopic())) {
            return SourceTopic.SESSIONS;
        }
        return SourceTopic.COLLECTORS;
    }

    private String name(SourceTopic source) {
        return switch (source) {
            case DIRECTORY -> options.directoryTopic();
            case SESSIONS -> options.sessionsTopic();
            case COLLECTORS -> options.collectorsTopic();
        };
    }

    private static String name(TopicPartition tp) {
        return tp.topic() + ":" + tp.partition();
    }

    private static Map<String, Long> names(Map<TopicPartition, Long> offsets) {
        Map<String, Long> out = new TreeMap<>();
        offsets.forEach((tp, offset) -> out.put(name(tp), offset));
        return out;
    }

    private static Map<TopicPartition, Long> byPartition(Map<String, Long> offsets) {
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

package io.openjims.query.view.kafka;

import io.openjims.query.view.repository.DeadLetterJdbcRepository;
import io.openjims.query.view.repository.Jdbc;
import io.openjims.support.deadletter.DeadLetter;
import io.openjims.support.deadletter.Failures;
import io.openjims.support.kafka.TombstoneHorizon;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * A Kafka consumer whose offsets live in PostgreSQL ({@code query.consumer_checkpoint}), written in the same
 * transaction as the effect of the records, so a crash or a rebalance neither loses nor re-applies a record.
 *
 * <ul>
 *   <li>On assignment it seeks every partition to its stored next offset (the beginning when none is stored).
 *   <li>Each poll is applied in one transaction that first locks the partitions' checkpoint rows and skips records
 *       below them: a replica that still holds records of a partition that moved to another replica cannot apply
 *       them twice.
 *   <li>A record the handler rejects, or one it cannot apply for a permanent reason (see {@link Failures}), is
 *       written to {@code query.dead_letter} with its reason and offset in the same transaction and skipped: one bad
 *       record never stops the records behind it. When a whole batch fails for a permanent reason the batch is applied
 *       again record by record (a savepoint each) to find the bad ones.
 *   <li>On a transient failure (database or broker away, a conflict) it rolls back, seeks back to the stored offsets
 *       and tries again.
 *   <li>A consumer of a compacted topic given a {@link StateRebuild} checks, whenever it seeks to its checkpoints,
 *       whether it may have missed tombstones ({@link TombstoneHorizon}: a checkpoint below the log start, or read
 *       longer ago than the topic's {@code delete.retention.ms}). If so it reads the whole topic again in one
 *       transaction, applies it, applies a tombstone for every stored key the topic no longer has, and moves all the
 *       topic's checkpoints to the end offsets read.
 * </ul>
 *
 * Kafka's own committed offsets are written after the database commit for monitoring (lag) only.
 */
public final class CheckpointedConsumer implements AutoCloseable {

    /**
     * Applies records inside the open transaction of {@code connection}; must not commit. Records it cannot apply go to
     * {@code rejections}; throwing fails the whole batch.
     */
    @FunctionalInterface
    public interface BatchHandler {
        void apply(Connection connection, List<ConsumerRecord<String, byte[]>> records, Rejections rejections)
                throws Exception;
    }

    /** How a consumer of a compacted topic rebuilds its state when it may have missed tombstones. */
    public interface StateRebuild {
        /** The topic's {@code delete.retention.ms}. */
        Duration deleteRetention();

        /** The keys of the state held now; those the topic no longer has are applied as tombstones. */
        Set<String> storedKeys(Connection c) throws SQLException;

        /** A rebuild committed, for {@code reason} (a {@link TombstoneHorizon} reason). */
        void rebuilt(String reason);
    }

    /** Where a handler puts the records it skips. */
    @FunctionalInterface
    public interface Rejections {
        void reject(ConsumerRecord<String, byte[]> record, String reason, String detail);
    }

    private static final Logger LOG = Logger.getLogger(CheckpointedConsumer.class);
    private static final int MAX_RETRIES_IN_PLACE = 5;
    private static final Duration CAUGHT_UP_WRITE_INTERVAL = Duration.ofMinutes(1);

    private record Checkpoint(long next, Instant readUpTo) {}

    private final String name;
    private final String topic;
    private final Map<String, Object> kafkaConfig;
    private final DataSource dataSource;
    private final BatchHandler handler;
    private final DeadLetterJdbcRepository deadLetters;
    private final StateRebuild rebuild;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    private boolean needsSeek;
    private String pendingRebuild;
    private long caughtUpWrittenAt;

    /**
     * @param name consumer name stored with the checkpoints (one set of offsets per name)
     * @param kafkaConfig at least bootstrap servers and group id
     */
    public CheckpointedConsumer(
            String name,
            String topic,
            Map<String, Object> kafkaConfig,
            DataSource dataSource,
            DeadLetterJdbcRepository deadLetters,
            BatchHandler handler) {
        this(name, topic, kafkaConfig, dataSource, deadLetters, handler, null);
    }

    /** As above, for a compacted topic whose state is rebuilt when tombstones may have been missed. */
    public CheckpointedConsumer(
            String name,
            String topic,
            Map<String, Object> kafkaConfig,
            DataSource dataSource,
            DeadLetterJdbcRepository deadLetters,
            BatchHandler handler,
            StateRebuild rebuild) {
        this.name = name;
        this.topic = topic;
        this.kafkaConfig = new HashMap<>(kafkaConfig);
        this.kafkaConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.kafkaConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.kafkaConfig.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.dataSource = dataSource;
        this.handler = handler;
        this.deadLetters = deadLetters;
        this.rebuild = rebuild;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "view-consumer-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops polling; a batch being applied finishes (or rolls back) first. */
    @Override
    public synchronized void close() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    public boolean isRunning() {
        return running;
    }

    private void run() {
        KafkaConsumer<String, byte[]> c =
                new KafkaConsumer<>(kafkaConfig, new StringDeserializer(), new ByteArrayDeserializer());
        try {
            consumer = c;
            c.subscribe(List.of(topic), new SeekToCheckpoint(c));
            while (running) {
                try {
                    if (needsSeek) {
                        seekToCheckpoints(c, c.assignment());
                        needsSeek = false;
                    }
                    ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
                    if (pendingRebuild != null) {
                        // The partitions were paused; whatever else the poll returned is read again after it.
                        rebuildAll(c, pendingRebuild);
                        pendingRebuild = null;
                        c.resume(c.assignment());
                        needsSeek = true;
                    } else if (!records.isEmpty()) {
                        applyWithRetry(records);
                        c.commitAsync();
                    } else {
                        caughtUp(c);
                    }
                } catch (WakeupException e) {
                    // close() asked us to stop
                } catch (Exception e) {
                    LOG.warnf("Consumer %s failed (%s); retrying from the stored offsets", name, e.toString());
                    needsSeek = true;
                    pause(1_000);
                }
            }
        } catch (Exception e) {
            LOG.errorf(e, "Consumer %s stopped", name);
        } finally {
            consumer = null;
            // A clean stop leaves the group at once, static member or not: the others take the partitions over now
            // (a static member would otherwise hold them until its session timeout).
            closeLeavingGroup(c);
        }
    }

    private void closeLeavingGroup(KafkaConsumer<String, byte[]> c) {
        try {
            c.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(10)));
        } catch (RuntimeException e) {
            LOG.debugf("Consumer %s: close failed: %s", name, e.toString());
        }
    }

    private void applyWithRetry(ConsumerRecords<String, byte[]> records) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                applyOnce(records);
                return;
            } catch (SQLException e) {
                if (!Jdbc.isRetryable(e) || attempt >= MAX_RETRIES_IN_PLACE) {
                    throw e;
                }
                LOG.debugf("Consumer %s: retrying after %s", name, e.getMessage());
            }
        }
    }

    private void applyOnce(ConsumerRecords<String, byte[]> records) throws Exception {
        TreeMap<Integer, List<ConsumerRecord<String, byte[]>>> byPartition = new TreeMap<>();
        for (TopicPartition tp : records.partitions()) {
            byPartition.put(tp.partition(), records.records(tp));
        }
        try (Connection conn = dataSource.getConnection()) {
            conn.setAutoCommit(false);
            try {
                List<ConsumerRecord<String, byte[]>> fresh = new ArrayList<>(records.count());
                Map<Integer, Long> nextOffsets = new HashMap<>();
                Map<Integer, Long> readUpTo = new HashMap<>();
                Map<Integer, Long> stored = lockCheckpoints(conn, byPartition.keySet());
                for (var entry : byPartition.entrySet()) {
                    long next = stored.get(entry.getKey());
                    long last = -1;
                    for (ConsumerRecord<String, byte[]> r : entry.getValue()) {
                        if (r.offset() >= next) {
                            fresh.add(r);
                            last = r.offset();
                            readUpTo.merge(entry.getKey(), r.timestamp(), Math::max);
                        }
                    }
                    if (last >= 0) {
                        nextOffsets.put(entry.getKey(), last + 1);
                    }
                }
                List<DeadLetter> rejected = new ArrayList<>();
                List<DeadLetter> added = List.of();
                if (!fresh.isEmpty()) {
                    applyOrIsolate(conn, fresh, rejected);
                    added = deadLetters.write(conn, name, rejected);
                    saveCheckpoints(conn, nextOffsets, readUpTo);
                }
                conn.commit();
                deadLetters.counted(name, added);
                logSkipped(rejected);
            } catch (Exception e) {
                conn.rollback();
                throw e;
            }
        }
    }

    /**
     * Applies the batch; when it fails for a permanent reason, applies it again one record at a time, each under its
     * own savepoint, and rejects the records that fail. A transient failure is thrown (the whole poll is retried).
     */
    private void applyOrIsolate(Connection conn, List<ConsumerRecord<String, byte[]>> fresh, List<DeadLetter> out)
            throws Exception {
        Savepoint whole = conn.setSavepoint();
        List<DeadLetter> rejected = new ArrayList<>();
        try {
            handler.apply(conn, fresh, collector(rejected));
            conn.releaseSavepoint(whole);
            out.addAll(rejected);
            return;
        } catch (Exception e) {
            if (Failures.isTransient(e)) {
                throw e;
            }
            conn.rollback(whole);
            LOG.warnf(
                    "Consumer %s: a batch of %d records failed (%s); applying it record by record",
                    name, fresh.size(), Failures.reason(e));
        }
        for (ConsumerRecord<String, byte[]> r : fresh) {
            Savepoint one = conn.setSavepoint();
            List<DeadLetter> ofRecord = new ArrayList<>();
            try {
                handler.apply(conn, List.of(r), collector(ofRecord));
                conn.releaseSavepoint(one);
                out.addAll(ofRecord);
            } catch (Exception e) {
                if (Failures.isTransient(e)) {
                    throw e;
                }
                conn.rollback(one);
                out.add(DeadLetter.of(r, Failures.reason(e), e.getMessage()));
            }
        }
    }

    private static Rejections collector(List<DeadLetter> into) {
        return (record, reason, detail) -> into.add(DeadLetter.of(record, reason, detail));
    }

    private void logSkipped(List<DeadLetter> rejected) {
        for (DeadLetter r : rejected) {
            LOG.warnf(
                    "Consumer %s skipped %s-%d@%d to the dead-letter table: %s",
                    name, r.topic(), r.partition(), r.offset(), r.reason());
        }
    }

    /**
     * An empty poll: every partition read is at its end, so the checkpoints are current now (written at most once a
     * minute, for the tombstone horizon).
     */
    private void caughtUp(KafkaConsumer<String, byte[]> c) throws SQLException {
        if (rebuild == null || System.nanoTime() - caughtUpWrittenAt < CAUGHT_UP_WRITE_INTERVAL.toNanos()) {
            return;
        }
        Set<TopicPartition> current = new HashSet<>(c.assignment());
        current.removeAll(c.paused());
        if (current.isEmpty()) {
            return;
        }
        try (Connection conn = dataSource.getConnection();
                PreparedStatement ps = conn.prepareStatement("UPDATE query.consumer_checkpoint SET read_up_to = now()"
                        + " WHERE consumer = ? AND topic = ? AND partition = ANY(?)")) {
            ps.setString(1, name);
            ps.setString(2, topic);
            ps.setArray(
                    3,
                    conn.createArrayOf(
                            "int4",
                            current.stream().map(TopicPartition::partition).toArray(Integer[]::new)));
            ps.executeUpdate();
        }
        caughtUpWrittenAt = System.nanoTime();
    }

    /**
     * Reads the whole topic from its log start to the end offsets taken now, in one transaction that holds every
     * partition's checkpoint lock: applies it, applies a tombstone for each stored key the topic no longer has, and
     * sets every checkpoint to the end read. Another replica's batches wait for the locks, then skip what it applied.
     */
    private void rebuildAll(KafkaConsumer<String, byte[]> c, String reason) throws Exception {
        List<TopicPartition> all = new ArrayList<>();
        for (PartitionInfo p : c.partitionsFor(topic)) {
            all.add(new TopicPartition(p.topic(), p.partition()));
        }
        LOG.warnf(
                "Consumer %s may have missed tombstones (%s): rebuilding from the beginning of %s",
                name, reason, topic);
        long begun = System.nanoTime();
        Map<String, Object> readerConfig = new HashMap<>(kafkaConfig);
        readerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        readerConfig.put(
                ConsumerConfig.CLIENT_ID_CONFIG, kafkaConfig.get(ConsumerConfig.CLIENT_ID_CONFIG) + "-rebuild");
        try (KafkaConsumer<String, byte[]> reader =
                        new KafkaConsumer<>(readerConfig, new StringDeserializer(), new ByteArrayDeserializer());
                Connection conn = dataSource.getConnection()) {
            conn.setAutoCommit(false);
            try {
                lockCheckpoints(
                        conn, all.stream().map(TopicPartition::partition).toList());
                long startedAt = System.currentTimeMillis();
                reader.assign(all);
                reader.seekToBeginning(all);
                Map<TopicPartition, Long> end = reader.endOffsets(all);
                Set<String> live = new HashSet<>();
                List<DeadLetter> rejected = new ArrayList<>();
                long applied = 0;
                while (all.stream().anyMatch(tp -> reader.position(tp) < end.get(tp))) {
                    if (!running) {
                        throw new WakeupException();
                    }
                    List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
                    for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(500))) {
                        if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) {
                            continue;
                        }
                        batch.add(r);
                        if (r.key() != null) {
                            if (r.value() == null) {
                                live.remove(r.key());
                            } else {
                                live.add(r.key());
                            }
                        }
                    }
                    if (!batch.isEmpty()) {
                        applyOrIsolate(conn, batch, rejected);
                        applied += batch.size();
                    }
                }
                List<ConsumerRecord<String, byte[]>> gone = new ArrayList<>();
                for (String key : rebuild.storedKeys(conn)) {
                    if (!live.contains(key)) {
                        gone.add(new ConsumerRecord<>(topic, -1, -1L, key, null));
                    }
                }
                if (!gone.isEmpty()) {
                    applyOrIsolate(conn, gone, rejected);
                }
                List<DeadLetter> added = deadLetters.write(conn, name, rejected);
                Map<Integer, Long> next = new HashMap<>();
                Map<Integer, Long> readUpTo = new HashMap<>();
                end.forEach((tp, offset) -> {
                    next.put(tp.partition(), offset);
                    readUpTo.put(tp.partition(), startedAt);
                });
                saveCheckpoints(conn, next, readUpTo);
                conn.commit();
                deadLetters.counted(name, added);
                logSkipped(rejected);
                rebuild.rebuilt(reason);
                LOG.warnf(
                        "Consumer %s rebuilt its state from %s in %d ms: %d records applied, %d stored keys removed",
                        name, topic, (System.nanoTime() - begun) / 1_000_000, applied, gone.size());
            } catch (Exception e) {
                conn.rollback();
                throw e;
            }
        }
    }

    /** Pauses everything assigned and asks the polling loop to rebuild when a partition is past its horizon. */
    private void checkHorizon(
            KafkaConsumer<String, byte[]> c, Collection<TopicPartition> partitions, Map<Integer, Checkpoint> stored) {
        if (rebuild == null || partitions.isEmpty() || pendingRebuild != null) {
            return;
        }
        Map<TopicPartition, Long> starts = c.beginningOffsets(partitions);
        Map<TopicPartition, Long> ends = c.endOffsets(partitions);
        Instant now = Instant.now();
        for (TopicPartition tp : partitions) {
            Checkpoint cp = stored.get(tp.partition());
            TombstoneHorizon.Decision d = TombstoneHorizon.decide(
                    cp == null ? null : cp.next(),
                    starts.getOrDefault(tp, 0L),
                    ends.get(tp),
                    cp == null ? null : cp.readUpTo(),
                    now,
                    rebuild.deleteRetention());
            if (d.rebuild()) {
                LOG.infof("Consumer %s: partition %s needs a rebuild (%s)", name, tp, d.reason());
                pendingRebuild = d.reason();
                c.pause(c.assignment());
                return;
            }
        }
    }

    /** Creates missing checkpoint rows and locks the partitions' rows in partition order: two statements. */
    private Map<Integer, Long> lockCheckpoints(Connection conn, Collection<Integer> partitions) throws SQLException {
        Integer[] ids = partitions.toArray(Integer[]::new);
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO query.consumer_checkpoint"
                + " (consumer, topic, partition, next_offset) SELECT ?, ?, p, 0 FROM unnest(?::int4[]) AS p"
                + " ON CONFLICT DO NOTHING")) {
            ps.setString(1, name);
            ps.setString(2, topic);
            ps.setArray(3, conn.createArrayOf("int4", ids));
            ps.executeUpdate();
        }
        Map<Integer, Long> next = new HashMap<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT partition, next_offset FROM query.consumer_checkpoint"
                + " WHERE consumer = ? AND topic = ? AND partition = ANY(?) ORDER BY partition FOR UPDATE")) {
            ps.setString(1, name);
            ps.setString(2, topic);
            ps.setArray(3, conn.createArrayOf("int4", ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    next.put(rs.getInt(1), rs.getLong(2));
                }
            }
        }
        return next;
    }

    /**
     * Moves the checkpoints; {@code readUpTo} (epoch millis per partition, the last record's time) advances the time up
     * to which the consumer read, never past now.
     */
    private void saveCheckpoints(Connection conn, Map<Integer, Long> nextOffsets, Map<Integer, Long> readUpTo)
            throws SQLException {
        Integer[] partitions = nextOffsets.keySet().toArray(Integer[]::new);
        Long[] offsets = new Long[partitions.length];
        Long[] times = new Long[partitions.length];
        for (int i = 0; i < partitions.length; i++) {
            offsets[i] = nextOffsets.get(partitions[i]);
            times[i] = readUpTo.get(partitions[i]);
        }
        try (PreparedStatement ps = conn.prepareStatement("UPDATE query.consumer_checkpoint c SET next_offset = u.o,"
                + " read_up_to = GREATEST(c.read_up_to, LEAST(now(), to_timestamp(u.t / 1000.0)))"
                + " FROM unnest(?::int4[], ?::int8[], ?::int8[]) AS u(p, o, t)"
                + " WHERE c.consumer = ? AND c.topic = ? AND c.partition = u.p")) {
            ps.setArray(1, conn.createArrayOf("int4", partitions));
            ps.setArray(2, conn.createArrayOf("int8", offsets));
            ps.setArray(3, conn.createArrayOf("int8", times));
            ps.setString(4, name);
            ps.setString(5, topic);
            ps.executeUpdate();
        }
    }

    private void seekToCheckpoints(KafkaConsumer<String, byte[]> c, Collection<TopicPartition> partitions)
            throws SQLException {
        if (partitions.isEmpty()) {
            return;
        }
        Map<Integer, Checkpoint> stored = new HashMap<>();
        try (Connection conn = dataSource.getConnection();
                PreparedStatement ps = conn.prepareStatement("SELECT partition, next_offset, read_up_to"
                        + " FROM query.consumer_checkpoint WHERE consumer = ? AND topic = ?")) {
            ps.setString(1, name);
            ps.setString(2, topic);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp readUpTo = rs.getTimestamp(3);
                    stored.put(
                            rs.getInt(1),
                            new Checkpoint(rs.getLong(2), readUpTo == null ? null : readUpTo.toInstant()));
                }
            }
        }
        List<TopicPartition> fromStart = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            Checkpoint cp = stored.get(tp.partition());
            if (cp == null) {
                fromStart.add(tp);
            } else {
                c.seek(tp, cp.next());
            }
        }
        if (!fromStart.isEmpty()) {
            c.seekToBeginning(fromStart);
        }
        checkHorizon(c, partitions, stored);
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private final class SeekToCheckpoint implements ConsumerRebalanceListener {

        private final KafkaConsumer<String, byte[]> c;

        SeekToCheckpoint(KafkaConsumer<String, byte[]> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            try {
                seekToCheckpoints(c, partitions);
            } catch (SQLException e) {
                // Positions then start at the earliest offset; records below the checkpoint are skipped anyway.
                LOG.warnf("Consumer %s could not read its checkpoints (%s); will retry", name, e.getMessage());
                needsSeek = true;
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // Nothing in flight: records are applied on the polling thread between polls.
        }
    }
}

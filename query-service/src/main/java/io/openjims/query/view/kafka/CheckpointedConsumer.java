package io.openjims.query.view.kafka;

import io.openjims.query.view.repository.DeadLetterJdbcRepository;
import io.openjims.query.view.repository.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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

    /** Where a handler puts the records it skips. */
    @FunctionalInterface
    public interface Rejections {
        void reject(ConsumerRecord<String, byte[]> record, String reason, String detail);
    }

    private static final Logger LOG = Logger.getLogger(CheckpointedConsumer.class);
    private static final int MAX_RETRIES_IN_PLACE = 5;

    private final String name;
    private final String topic;
    private final Map<String, Object> kafkaConfig;
    private final DataSource dataSource;
    private final BatchHandler handler;
    private final DeadLetterJdbcRepository deadLetters;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    private boolean needsSeek;

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
        this.name = name;
        this.topic = topic;
        this.kafkaConfig = new HashMap<>(kafkaConfig);
        this.kafkaConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.kafkaConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.kafkaConfig.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.dataSource = dataSource;
        this.handler = handler;
        this.deadLetters = deadLetters;
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
        try (KafkaConsumer<String, byte[]> c =
                new KafkaConsumer<>(kafkaConfig, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer = c;
            c.subscribe(List.of(topic), new SeekToCheckpoint(c));
            while (running) {
                try {
                    if (needsSeek) {
                        seekToCheckpoints(c, c.assignment());
                        needsSeek = false;
                    }
                    ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
                    if (!records.isEmpty()) {
                        applyWithRetry(records);
                        c.commitAsync();
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
                Map<Integer, Long> stored = lockCheckpoints(conn, byPartition.keySet());
                for (var entry : byPartition.entrySet()) {
                    long next = stored.get(entry.getKey());
                    long last = -1;
                    for (ConsumerRecord<String, byte[]> r : entry.getValue()) {
                        if (r.offset() >= next) {
                            fresh.add(r);
                            last = r.offset();
                        }
                    }
                    if (last >= 0) {
                        nextOffsets.put(entry.getKey(), last + 1);
                    }
                }
                List<RejectedRecord> rejected = new ArrayList<>();
                if (!fresh.isEmpty()) {
                    applyOrIsolate(conn, fresh, rejected);
                    deadLetters.write(conn, name, rejected);
                    saveCheckpoints(conn, nextOffsets);
                }
                conn.commit();
                if (!rejected.isEmpty()) {
                    deadLetters.counted(name, rejected);
                    for (RejectedRecord r : rejected) {
                        LOG.warnf(
                                "Consumer %s skipped %s-%d@%d to the dead-letter table: %s",
                                name,
                                r.record().topic(),
                                r.record().partition(),
                                r.record().offset(),
                                r.reason());
                    }
                }
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
    private void applyOrIsolate(Connection conn, List<ConsumerRecord<String, byte[]>> fresh, List<RejectedRecord> out)
            throws Exception {
        Savepoint whole = conn.setSavepoint();
        List<RejectedRecord> rejected = new ArrayList<>();
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
            List<RejectedRecord> ofRecord = new ArrayList<>();
            try {
                handler.apply(conn, List.of(r), collector(ofRecord));
                conn.releaseSavepoint(one);
                out.addAll(ofRecord);
            } catch (Exception e) {
                if (Failures.isTransient(e)) {
                    throw e;
                }
                conn.rollback(one);
                out.add(new RejectedRecord(r, Failures.reason(e), e.getMessage()));
            }
        }
    }

    private static Rejections collector(List<RejectedRecord> into) {
        return (record, reason, detail) -> into.add(new RejectedRecord(record, reason, detail));
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

    private void saveCheckpoints(Connection conn, Map<Integer, Long> nextOffsets) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("UPDATE query.consumer_checkpoint c SET next_offset = u.o"
                + " FROM unnest(?::int4[], ?::int8[]) AS u(p, o)"
                + " WHERE c.consumer = ? AND c.topic = ? AND c.partition = u.p")) {
            ps.setArray(1, conn.createArrayOf("int4", nextOffsets.keySet().toArray(Integer[]::new)));
            ps.setArray(2, conn.createArrayOf("int8", nextOffsets.values().toArray(Long[]::new)));
            ps.setString(3, name);
            ps.setString(4, topic);
            ps.executeUpdate();
        }
    }

    private void seekToCheckpoints(KafkaConsumer<String, byte[]> c, Collection<TopicPartition> partitions)
            throws SQLException {
        if (partitions.isEmpty()) {
            return;
        }
        Map<Integer, Long> stored = new HashMap<>();
        try (Connection conn = dataSource.getConnection();
                PreparedStatement ps = conn.prepareStatement("SELECT partition, next_offset"
                        + " FROM query.consumer_checkpoint WHERE consumer = ? AND topic = ?")) {
            ps.setString(1, name);
            ps.setString(2, topic);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getInt(1), rs.getLong(2));
                }
            }
        }
        List<TopicPartition> fromStart = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            Long next = stored.get(tp.partition());
            if (next == null) {
                fromStart.add(tp);
            } else {
                c.seek(tp, next);
            }
        }
        if (!fromStart.isEmpty()) {
            c.seekToBeginning(fromStart);
        }
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

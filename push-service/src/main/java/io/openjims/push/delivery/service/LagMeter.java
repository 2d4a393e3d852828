package io.openjims.push.delivery.service;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * The tenant's position (next offset per partition, delivered or filtered) and its lag: the records in the source
 * partitions after it, measured at most every half progress interval. Also the tombstone horizon of the position
 * ({@code readUpTo}): when it last covered everything written before it (measured caught up, or the newest record
 * delivered or passed over).
 */
final class LagMeter {

    private static final Logger LOG = Logger.getLogger(LagMeter.class);

    private final DeliveryRow row;
    private final SourcePartitions sources;
    private final WorkerControl control;
    private final long minNanosBetween;
    private Map<TopicPartition, Long> delivered = new HashMap<>();
    private long lastAt;
    private long lag = -1;
    private Instant readUpTo;
    private boolean live;

    LagMeter(DeliveryRow row, SourcePartitions sources, WorkerControl control, Duration progressInterval) {
        this.row = row;
        this.sources = sources;
        this.control = control;
        this.minNanosBetween = progressInterval.toNanos() / 2;
    }

    Map<TopicPartition, Long> delivered() {
        return delivered;
    }

    void deliveredUpTo(Map<TopicPartition, Long> positions) {
        delivered = positions;
    }

    Instant readUpTo() {
        return readUpTo;
    }

    /** Moves the horizon forward to {@code at} (never past now; an earlier time changes nothing). */
    void readUpTo(Instant at) {
        if (at == null) {
            return;
        }
        Instant now = Instant.now();
        Instant bounded = at.isAfter(now) ? now : at;
        if (readUpTo == null || bounded.isAfter(readUpTo)) {
            readUpTo = bounded;
        }
    }

    /** Whether live changes are being delivered (not a full state). */
    void live(boolean on) {
        live = on;
    }

    /** Whether live delivery's position is older than {@code retention}: tombstones after it may be gone. */
    boolean livePastHorizon(Duration retention) {
        return live
                && readUpTo != null
                && !Duration.between(readUpTo, Instant.now()).minus(retention).isNegative();
    }

    /** The last measured lag, 0 while unknown. */
    long last() {
        return Math.max(0, lag);
    }

    /** Measures the lag unless measured recently; stores it unless {@code callerSaves}. */
    long refresh(boolean callerSaves) {
        long now = System.nanoTime();
        if (lag >= 0 && now - lastAt < minNanosBetween) {
            return lag;
        }
        lastAt = now;
        try {
            Map<TopicPartition, Long> ends = sources.endOffsets(Duration.ofSeconds(5));
            long sum = 0;
            for (var e : ends.entrySet()) {
                sum += Math.max(0, e.getValue() - delivered.getOrDefault(e.getKey(), 0L));
            }
            lag = sum;
            if (sum == 0) {
                readUpTo(Instant.now());
            }
            if (!callerSaves) {
                row.saveLag(lag, readUpTo);
            }
        } catch (RuntimeException e) {
            if (e instanceof WakeupException) {
                throw e;
            }
            LOG.debugf("Lag of %s unknown: %s", control.settings().name(), e.getMessage());
        }
        return lag;
    }
}

package io.openjims.push.delivery.service;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * The tenant's position (next offset per partition, delivered or filtered) and its lag: the records in the source
 * partitions after it, measured at most every half progress interval.
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
            if (!callerSaves) {
                row.saveLag(lag);
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

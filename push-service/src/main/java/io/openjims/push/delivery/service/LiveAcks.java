package io.openjims.push.delivery.service;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Writes what the tenant acknowledged of the live batches. An acknowledgement may wait (at most one): behind a backlog
 * it is written in one statement with the next batch's pending record.
 */
final class LiveAcks {

    private record Ack(Map<String, Long> positions, int items, Instant readUpTo, Instant at, long nanos) {}

    private final DeliveryRow row;
    private final LagMeter lag;
    private Ack unwritten;

    LiveAcks(DeliveryRow row, LagMeter lag) {
        this.row = row;
        this.lag = lag;
    }

    /** Remembers the batch about to be sent (id and offset range), with the waiting acknowledgement if any. */
    void savePending(UUID batchId, Map<String, Long> from, Map<String, Long> to) {
        Ack previous = unwritten;
        unwritten = null;
        boolean ok = previous == null
                ? row.savePending(batchId, from, to)
                : row.ackLiveAndSavePending(
                        previous.positions(),
                        previous.items(),
                        lag.last(),
                        previous.readUpTo(),
                        previous.at(),
                        batchId,
                        from,
                        to);
        WorkerControl.requireOwned(ok, WorkerControl.LOST_TENANT);
    }

    /** The tenant acknowledged a batch that moves its position to {@code positions}; written later. */
    void acknowledged(Map<String, Long> positions, int items) {
        unwritten = new Ack(positions, items, lag.readUpTo(), Instant.now(), System.nanoTime());
    }

    /** Whether an acknowledgement has waited at least {@code nanos}. */
    boolean waited(long nanos) {
        return unwritten != null && System.nanoTime() - unwritten.nanos() >= nanos;
    }

    /** Writes the waiting acknowledgement, if any. */
    void flush() {
        Ack ack = unwritten;
        if (ack == null) {
            return;
        }
        unwritten = null;
        WorkerControl.requireOwned(
                row.ackLive(ack.positions(), ack.items(), lag.last(), ack.readUpTo(), ack.at()),
                WorkerControl.LOST_TENANT);
    }
}

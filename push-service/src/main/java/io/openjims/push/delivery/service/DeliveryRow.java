package io.openjims.push.delivery.service;

import io.openjims.push.delivery.repository.DeliveryJdbcRepository;
import io.openjims.push.delivery.repository.DeliveryState;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One tenant's row of {@code push.tenant_delivery} as this instance writes it: every write names the tenant and this
 * owner, and returns false when it changed nothing (the tenant was deleted or another instance delivers it now).
 */
final class DeliveryRow {

    private final UUID tenantId;
    private final String owner;
    private final DeliveryJdbcRepository store;

    DeliveryRow(UUID tenantId, String owner, DeliveryJdbcRepository store) {
        this.tenantId = tenantId;
        this.owner = owner;
        this.store = store;
    }

    UUID tenantId() {
        return tenantId;
    }

    /** The stored state, or null when the tenant was deleted. */
    DeliveryState load() {
        return store.load(tenantId);
    }

    boolean startSnapshot(long generation, Map<String, Long> end) {
        return store.startSnapshot(tenantId, owner, generation, end);
    }

    boolean ackSnapshotBatch(
            long generation, int acked, int items, Map<String, Long> positionsWhenComplete, Instant at) {
        return store.ackSnapshotBatch(tenantId, owner, generation, acked, items, positionsWhenComplete, at);
    }

    boolean savePending(UUID batchId, Map<String, Long> from, Map<String, Long> to) {
        return store.savePending(tenantId, owner, batchId, from, to);
    }

    boolean ackLive(Map<String, Long> positions, int items, long lag, Instant readUpTo, Instant at) {
        return store.ackLive(tenantId, owner, positions, items, lag, readUpTo, at);
    }

    boolean ackLiveAndSavePending(
            Map<String, Long> positions,
            int items,
            long lag,
            Instant readUpTo,
            Instant at,
            UUID batchId,
            Map<String, Long> from,
            Map<String, Long> to) {
        return store.ackLiveAndSavePending(tenantId, owner, positions, items, lag, readUpTo, at, batchId, from, to);
    }

    boolean recordFailure(String error, Instant at) {
        return store.recordFailure(tenantId, owner, error, at);
    }

    boolean saveProgress(Map<String, Long> positions, long lag, Instant readUpTo) {
        return store.saveProgress(tenantId, owner, positions, lag, readUpTo);
    }

    boolean saveLag(long lag, Instant readUpTo) {
        return store.saveLag(tenantId, owner, lag, readUpTo);
    }
}

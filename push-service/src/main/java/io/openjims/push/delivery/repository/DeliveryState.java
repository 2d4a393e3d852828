package io.openjims.push.delivery.repository;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The durable delivery position of one tenant.
 *
 * @param positions next offset to deliver per {@code topic:partition}; empty before the first full state was sent
 * @param snapshotGeneration generation of the full-state snapshot last started
 * @param snapshotEnd offsets up to which that snapshot reads
 * @param snapshotAcked how many of its batches the tenant acknowledged
 * @param pendingBatchId the live batch sent but not acknowledged, or null
 * @param readUpTo when the positions last covered everything written before them (the tombstone horizon), or null
 */
public record DeliveryState(
        Map<String, Long> positions,
        long snapshotGeneration,
        Map<String, Long> snapshotEnd,
        int snapshotAcked,
        boolean snapshotComplete,
        UUID pendingBatchId,
        Map<String, Long> pendingFrom,
        Map<String, Long> pendingTo,
        Instant readUpTo) {}

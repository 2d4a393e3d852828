package io.openjims.push.delivery.service;

import io.openjims.push.delivery.model.PushItem;
import io.openjims.support.deadletter.DeadLetter;
import io.openjims.support.deadletter.Failures;
import java.time.Instant;
import java.util.UUID;

/**
 * Applies a source record to a tenant's view. A record the view refuses, or one whose handling fails for a permanent
 * reason (any runtime failure of the pure logic, see {@link Failures}), is written to the dead-letter table with its
 * reason and skipped; a transient failure is thrown, so the worker retries from its stored position.
 */
final class RecordApplier {

    /** Where skipped records go (the dead-letter table; tests may collect them). */
    @FunctionalInterface
    interface DeadLetters {
        DeadLetters DISCARD = (tenantId, letter) -> {};

        void write(UUID tenantId, DeadLetter letter);
    }

    private final UUID tenantId;
    private final DeadLetters deadLetters;

    RecordApplier(UUID tenantId, DeadLetters deadLetters) {
        this.tenantId = tenantId;
        this.deadLetters = deadLetters;
    }

    /**
     * The item the record gives the tenant, or null.
     *
     * @param deliver false while only rebuilding the view from records delivered before: a skipped one was
     *     dead-lettered then and is not written again
     */
    PushItem apply(
            DeliveredState view,
            SourceTopic source,
            String topic,
            int partition,
            long offset,
            String key,
            byte[] value,
            long timestamp,
            DeliveredState.Decoder decoder,
            boolean deliver) {
        PushItem item = null;
        String reason;
        String detail;
        try {
            item = view.apply(source, key, value, Instant.ofEpochMilli(timestamp), decoder);
            DeliveredState.Rejection rejection = view.takeRejection();
            if (rejection == null) {
                return item;
            }
            reason = rejection.reason();
            detail = rejection.detail();
        } catch (RuntimeException e) {
            if (Failures.isTransient(e)) {
                throw e;
            }
            view.takeRejection();
            reason = Failures.reason(e);
            detail = e.getMessage();
        }
        if (deliver) {
            deadLetters.write(tenantId, new DeadLetter(topic, partition, offset, key, value, reason, detail));
        }
        return item;
    }
}

package io.openjims.push.delivery.service;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Settings shared by all delivery workers of this instance.
 *
 * @param tombstoneRetention the source topics' {@code delete.retention.ms}
 * @param rebuilds counts a full-state resend for a {@link io.openjims.support.kafka.TombstoneHorizon} reason
 */
public record WorkerOptions(
        int batchMaxItems,
        Duration batchMaxDelay,
        Backoff backoff,
        Duration connectTimeout,
        Duration requestTimeout,
        Duration progressInterval,
        String directoryTopic,
        String sessionsTopic,
        String collectorsTopic,
        Map<String, Object> consumerProperties,
        RecordCache records,
        EndpointPolicy endpointPolicy,
        int maxResponseBytes,
        RecordApplier.DeadLetters deadLetters,
        Duration tombstoneRetention,
        Consumer<String> rebuilds) {}

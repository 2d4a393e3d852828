package io.openjims.push.delivery.service;

import java.time.Duration;
import java.util.Map;

/** Settings shared by all delivery workers of this instance. */
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
        int maxResponseBytes) {}

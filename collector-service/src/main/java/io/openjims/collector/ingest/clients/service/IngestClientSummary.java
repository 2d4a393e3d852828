package io.openjims.collector.ingest.clients.service;

import io.openjims.collector.ingest.service.ProducerScope;
import java.time.Instant;

/**
 * An ingest client without secrets; {@code apiKeyPrefix} tells which key a client holds, {@code lastSeenAt} when it
 * last authenticated (null: never).
 */
public record IngestClientSummary(
        String clientId,
        String name,
        String apiKeyPrefix,
        Instant createdAt,
        ProducerScope scope,
        Instant lastSeenAt) {}

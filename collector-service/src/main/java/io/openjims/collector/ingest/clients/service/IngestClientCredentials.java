package io.openjims.collector.ingest.clients.service;

import io.openjims.collector.ingest.service.ProducerScope;
import java.time.Instant;

/** A newly created ingest client with its secrets in clear text: returned once, never stored or shown again. */
public record IngestClientCredentials(
        String clientId, String name, String clientSecret, String apiKey, Instant createdAt, ProducerScope scope) {}

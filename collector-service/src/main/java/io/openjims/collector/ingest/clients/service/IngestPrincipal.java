package io.openjims.collector.ingest.clients.service;

import io.openjims.collector.ingest.service.ProducerScope;

/** An authenticated ingest client and what it may claim. */
public record IngestPrincipal(String clientId, String name, ProducerScope scope) {}

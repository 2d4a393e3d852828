package io.openjims.collector.ingest.clients.service;

/** An authenticated ingest client. */
public record IngestPrincipal(String clientId, String name) {}

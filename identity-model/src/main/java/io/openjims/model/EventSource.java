package io.openjims.model;

/**
 * Where an identity observation came from.
 *
 * @param collectorId the collector that accepted it
 * @param producerKind how it arrived: {@code syslog}, {@code json}, {@code srx-webapi}, {@code pan-userid},
 *     {@code expiry}, ...
 * @param producerName the sender: syslog host address, ingest client name, rule name, ...
 */
public record EventSource(String collectorId, String producerKind, String producerName) {}

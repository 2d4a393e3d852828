package io.openjims.model;

/**
 * Where an identity observation came from.
 *
 * @param collectorId the collector that accepted it
 * @param producerKind how it arrived: {@code syslog}, {@code json}, {@code srx-webapi}, {@code pan-userid},
 *     {@code expiry}, ...
 * @param producerName the sender: syslog host address, ingest client name, rule name, ...
 * @param site the collector site: shared by every replica of one collector (one collector schema) and stamped on
 *     its directory objects too, so NetBIOS names and UPN suffixes resolve within it; null when unknown
 */
public record EventSource(String collectorId, String producerKind, String producerName, String site) {

    public EventSource(String collectorId, String producerKind, String producerName) {
        this(collectorId, producerKind, producerName, null);
    }
}

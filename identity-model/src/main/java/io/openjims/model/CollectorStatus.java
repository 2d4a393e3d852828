package io.openjims.model;

import java.time.Instant;
import java.util.Map;

/**
 * A collector's heartbeat. Value of {@link Topics#COLLECTORS} (compacted), keyed by {@link #key()}.
 *
 * @param counters named counters such as {@code syslog.received} or {@code events.published}
 */
public record CollectorStatus(
        String id,
        int schema,
        String collectorId,
        String version,
        CollectorState state,
        String description,
        Instant lastUpdate,
        Map<String, Long> counters) {

    public static final int SCHEMA_VERSION = 1;

    /** Kafka record key: the collector id. */
    public String key() {
        return collectorId;
    }
}

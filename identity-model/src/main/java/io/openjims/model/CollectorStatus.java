package io.openjims.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A collector's heartbeat. Value of {@link Topics#COLLECTORS} (compacted), keyed by {@link #key()}.
 *
 * @param counters named counters such as {@code syslog.received} or {@code events.published}
 * @param domains lower-case DNS domains the collector serves (those of its directories); optional, absent from
 *     heartbeats of older collectors. Push delivers a collector only to Secure Edge tenants of one of these domains.
 * @param heartbeatIntervalSeconds how often this collector publishes a heartbeat; optional (older collectors), readers
 *     then assume their configured interval. A collector missing three intervals is shown as stale.
 */
public record CollectorStatus(
        String id,
        int schema,
        String collectorId,
        String version,
        CollectorState state,
        String description,
        Instant lastUpdate,
        Map<String, Long> counters,
        List<String> domains,
        Long heartbeatIntervalSeconds) {

    public static final int SCHEMA_VERSION = 1;

    /** A heartbeat that does not state its interval. */
    public CollectorStatus(
            String id,
            int schema,
            String collectorId,
            String version,
            CollectorState state,
            String description,
            Instant lastUpdate,
            Map<String, Long> counters,
            List<String> domains) {
        this(id, schema, collectorId, version, state, description, lastUpdate, counters, domains, null);
    }

    /** A heartbeat that names no domains (as older collectors send). */
    public CollectorStatus(
            String id,
            int schema,
            String collectorId,
            String version,
            CollectorState state,
            String description,
            Instant lastUpdate,
            Map<String, Long> counters) {
        this(id, schema, collectorId, version, state, description, lastUpdate, counters, null, null);
    }

    /** Kafka record key: the collector id. */
    public String key() {
        return collectorId;
    }
}

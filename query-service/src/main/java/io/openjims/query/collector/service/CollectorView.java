package io.openjims.query.collector.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * One collector as the inventory shows it: its last heartbeat, and {@code stale} when it should have sent another
 * by now (a collector that stopped cleanly is {@code stopped}, never stale).
 */
public record CollectorView(
        @JsonProperty("id") String id,
        @JsonProperty("version") String version,
        @JsonProperty("state") String state,
        @JsonProperty("description") String description,
        @JsonProperty("last_update") Instant lastUpdate,
        @JsonProperty("heartbeat_interval_seconds") long heartbeatIntervalSeconds,
        @JsonProperty("stale") boolean stale,
        @JsonProperty("domains") List<String> domains) {}

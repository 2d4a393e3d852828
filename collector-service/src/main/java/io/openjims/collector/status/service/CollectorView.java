package io.openjims.collector.status.service;

import io.openjims.model.CollectorState;
import java.time.Instant;
import java.util.Map;

/** This collector as the admin API shows it. */
public record CollectorView(
        String id,
        String version,
        CollectorState state,
        String description,
        Instant lastUpdate,
        Map<String, String> failures,
        Map<String, Long> counters) {}

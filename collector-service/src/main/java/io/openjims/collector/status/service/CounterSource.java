package io.openjims.collector.status.service;

import java.util.Map;

/**
 * A bean whose counters appear in {@code GET /api/admin/collector} and in the heartbeat. Names are dotted and start
 * with the feature, e.g. {@code ingest.json.accepted} or {@code syslog.received}.
 */
public interface CounterSource {

    Map<String, Long> snapshot();
}

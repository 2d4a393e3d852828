package io.openjims.collector.status.service;

import io.openjims.model.CollectorState;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What currently fails in this collector (Kafka, a directory, a listener), keyed by a source name such as
 * {@code kafka} or {@code directory:corp-ad}. Any failure makes the collector {@code degraded}.
 */
@ApplicationScoped
public class SourceHealth {

    private final ConcurrentMap<String, String> failures = new ConcurrentHashMap<>();

    /** Records that a source fails; returns true when this changed the collector state. */
    public boolean failing(String source, String error) {
        CollectorState before = state();
        failures.put(source, error == null ? "failed" : error);
        return before != state();
    }

    /** Records that a source works again; returns true when this changed the collector state. */
    public boolean recovered(String source) {
        CollectorState before = state();
        failures.remove(source);
        return before != state();
    }

    public CollectorState state() {
        return failures.isEmpty() ? CollectorState.RUNNING : CollectorState.DEGRADED;
    }

    /** Current failures by source, sorted. */
    public Map<String, String> failures() {
        return new TreeMap<>(failures);
    }
}

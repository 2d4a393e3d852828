package io.openjims.collector.status.service;

import io.openjims.model.CollectorState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What currently fails in this collector (Kafka, a directory, a listener), keyed by a source name such as
 * {@code kafka} or {@code directory:corp-ad}. Any failure makes the collector {@code degraded}. Every change of state
 * fires a {@link CollectorStateChanged} event (the heartbeat publishes on it).
 */
@ApplicationScoped
public class SourceHealth {

    private final ConcurrentMap<String, String> failures = new ConcurrentHashMap<>();
    private final Event<CollectorStateChanged> stateChanges;

    public SourceHealth(Event<CollectorStateChanged> stateChanges) {
        this.stateChanges = stateChanges;
    }

    /** Records that a source fails; returns true when this changed the collector state. */
    public boolean failing(String source, String error) {
        String message = error == null ? "failed" : error;
        if (message.equals(failures.get(source))) {
            return false;
        }
        synchronized (this) {
            CollectorState before = state();
            failures.put(source, message);
            return changed(before);
        }
    }

    /** Records that a source works again; returns true when this changed the collector state. */
    public boolean recovered(String source) {
        if (!failures.containsKey(source)) {
            return false;
        }
        synchronized (this) {
            CollectorState before = state();
            failures.remove(source);
            return changed(before);
        }
    }

    /** True while the given source is reported failing. */
    public boolean isFailing(String source) {
        return failures.containsKey(source);
    }

    public CollectorState state() {
        return failures.isEmpty() ? CollectorState.RUNNING : CollectorState.DEGRADED;
    }

    /** Current failures by source, sorted. */
    public Map<String, String> failures() {
        return new TreeMap<>(failures);
    }

    private boolean changed(CollectorState before) {
        CollectorState after = state();
        if (before == after) {
            return false;
        }
        stateChanges.fireAsync(new CollectorStateChanged(before, after));
        return true;
    }
}

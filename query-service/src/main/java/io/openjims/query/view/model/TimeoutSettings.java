package io.openjims.query.view.model;

import java.util.Map;

/**
 * The view's default session timeouts: {@code minutes} for every source kind not in {@code bySourceKind}; 0 means
 * never expire.
 */
public record TimeoutSettings(int minutes, Map<String, Integer> bySourceKind) {

    public TimeoutSettings {
        bySourceKind = bySourceKind == null ? Map.of() : Map.copyOf(bySourceKind);
    }

    /** The default timeout of an event of {@code sourceKind} that carries none of its own. */
    public int defaultFor(String sourceKind) {
        Integer own = sourceKind == null ? null : bySourceKind.get(sourceKind);
        return own != null ? own : minutes;
    }
}

package io.openjims.collector.status.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Map;
import java.util.TreeMap;

/**
 * All counters of this collector in one map: those of every {@link CounterSource} bean (ingest:
 * {@code ingest.<format>.*}, syslog: {@code syslog.*}).
 */
@ApplicationScoped
public class CollectorCounters {

    private final Instance<CounterSource> sources;

    public CollectorCounters(Instance<CounterSource> sources) {
        this.sources = sources;
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> all = new TreeMap<>();
        for (CounterSource source : sources) {
            all.putAll(source.snapshot());
        }
        return all;
    }
}

package io.openjims.collector.status.service;

import io.openjims.collector.syslog.service.SyslogCounters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Map;
import java.util.TreeMap;

/**
 * All counters of this collector in one map: every {@link CounterSource} bean (ingest: {@code ingest.<format>.*}) and
 * the syslog counters ({@code syslog.*}).
 */
@ApplicationScoped
public class CollectorCounters {

    private final Instance<CounterSource> sources;
    private final Instance<SyslogCounters> syslog;

    public CollectorCounters(Instance<CounterSource> sources, Instance<SyslogCounters> syslog) {
        this.sources = sources;
        this.syslog = syslog;
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> all = new TreeMap<>();
        for (CounterSource source : sources) {
            all.putAll(source.snapshot());
        }
        if (syslog.isResolvable()) {
            all.putAll(syslog.get().snapshot());
        }
        return all;
    }
}

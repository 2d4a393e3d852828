package io.openjims.collector.ingest.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.openjims.collector.status.service.CounterSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Ingest counters per format: received (items in requests), accepted (acknowledged by Kafka), rejected (failed
 * validation) and failed (valid, but Kafka did not acknowledge in time: the request got 503). Exported to
 * {@code /q/metrics} as {@code openjims_collector_ingest_events_total{format,outcome}}.
 */
@ApplicationScoped
public class IngestCounters implements CounterSource {

    public enum Outcome {
        RECEIVED,
        ACCEPTED,
        REJECTED,
        FAILED
    }

    private final Map<IngestFormat, Map<Outcome, Counter>> counters = new EnumMap<>(IngestFormat.class);
    private final MeterRegistry registry;

    public IngestCounters(MeterRegistry registry) {
        this.registry = registry;
        for (IngestFormat format : IngestFormat.values()) {
            Map<Outcome, Counter> byOutcome = new EnumMap<>(Outcome.class);
            for (Outcome outcome : Outcome.values()) {
                byOutcome.put(
                        outcome,
                        Counter.builder("openjims.collector.ingest.events")
                                .description("HTTP ingest events by format and outcome")
                                .tag("format", format.kind())
                                .tag("outcome", name(outcome))
                                .register(registry));
            }
            counters.put(format, byOutcome);
        }
    }

    public void add(IngestFormat format, Outcome outcome, int amount) {
        if (amount > 0) {
            counters.get(format).get(outcome).increment(amount);
        }
    }

    /** An event outside its producer's scope, {@code openjims_collector_ingest_out_of_scope_total{format,reason}}. */
    public void outOfScope(IngestFormat format, String reason) {
        registry.counter("openjims.collector.ingest.out.of.scope", "format", format.kind(), "reason", reason)
                .increment();
    }

    /**
     * An entry refused by validation, {@code openjims_collector_ingest_rejected_total{format,reason}} (reason {@code
     * timeout_out_of_range} or {@code invalid}).
     */
    public void rejected(IngestFormat format, String reason) {
        registry.counter("openjims.collector.ingest.rejected", "format", format.kind(), "reason", reason)
                .increment();
    }

    /** An event whose asserted roles were dropped, {@code openjims_collector_ingest_roles_dropped_total{format}}. */
    public void rolesDropped(IngestFormat format) {
        registry.counter("openjims.collector.ingest.roles.dropped", "format", format.kind())
                .increment();
    }

    /** Counters as {@code ingest.<format>.<outcome>}, e.g. {@code ingest.json.accepted}. */
    @Override
    public Map<String, Long> snapshot() {
        Map<String, Long> snapshot = new TreeMap<>();
        counters.forEach((format, byOutcome) -> byOutcome.forEach((outcome, counter) ->
                snapshot.put("ingest." + format.kind() + "." + name(outcome), (long) counter.count())));
        return snapshot;
    }

    private static String name(Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }
}

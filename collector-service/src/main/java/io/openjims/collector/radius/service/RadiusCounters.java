package io.openjims.collector.radius.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.openjims.collector.events.service.EventPublisher;
import io.openjims.collector.status.service.CounterSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * RADIUS accounting counters, exported to Micrometer ({@code openjims_radius_requests_received_total},
 * {@code openjims_radius_requests_dropped_total{reason}}, {@code openjims_radius_responses_sent_total},
 * {@code openjims_radius_requests_duplicate_total{state}}, {@code openjims_radius_events_ignored_total{reason}},
 * {@code openjims_radius_events_published_total}, ...) and readable as a map through {@link #snapshot()}.
 */
@ApplicationScoped
public class RadiusCounters implements EventPublisher.Acks, CounterSource {

    /** Why a request was dropped without an answer ({@code reason} of {@code openjims_radius_requests_dropped}). */
    public static final String UNKNOWN_CLIENT = "unknown_client";

    public static final String BAD_AUTHENTICATOR = "bad_authenticator";
    public static final String MALFORMED = "malformed";
    public static final String NOT_ACCOUNTING = "not_accounting";
    public static final String OVERLOADED = "overloaded";

    private final MeterRegistry registry;
    private final Counter received;
    private final Counter answered;
    private final Counter published;
    private final Counter retried;
    private final Counter rolesDropped;
    private final Counter timeoutClamped;
    private final ConcurrentMap<String, Counter> tagged = new ConcurrentHashMap<>();

    public RadiusCounters(MeterRegistry registry) {
        this.registry = registry;
        this.received = Counter.builder("openjims.radius.requests.received")
                .description("RADIUS datagrams received on the accounting port")
                .register(registry);
        this.answered = Counter.builder("openjims.radius.responses.sent")
                .description("Accounting-Responses sent (after Kafka acknowledged the request's events)")
                .register(registry);
        this.published = Counter.builder("openjims.radius.events.published")
                .description("Identity events from RADIUS accounting acknowledged by Kafka")
                .register(registry);
        this.retried = Counter.builder("openjims.radius.events.retried")
                .description("Identity events from RADIUS accounting refused by Kafka and sent again")
                .register(registry);
        this.rolesDropped = Counter.builder("openjims.radius.roles.dropped")
                .description("Requests whose Class roles were dropped: the client is not trusted to assert roles")
                .register(registry);
        this.timeoutClamped = Counter.builder("openjims.radius.timeouts.clamped")
                .description("Session-Timeout values outside 10..1440 minutes, kept at the nearer bound")
                .register(registry);
    }

    public void received() {
        received.increment();
    }

    public void answered() {
        answered.increment();
    }

    /** A request dropped unanswered: unknown client, bad authenticator, malformed, not accounting, overloaded. */
    public void dropped(String reason) {
        count("openjims.radius.requests.dropped", "reason", reason, "RADIUS requests dropped without an answer");
    }

    /** A retransmission: {@code answered} (the stored answer sent again) or {@code pending} (still waiting). */
    public void duplicate(String state) {
        count(
                "openjims.radius.requests.duplicate",
                "state",
                state,
                "RADIUS retransmissions recognised (same source, identifier and authenticator); nothing published");
    }

    /** An address or request that produced no event: no user, no address, a stale Stop, out of scope, ... */
    public void ignored(String reason) {
        count(
                "openjims.radius.events.ignored",
                "reason",
                reason,
                "Accounting records (per address) answered without publishing an event, by reason");
    }

    public void rolesDropped() {
        rolesDropped.increment();
    }

    /** Accounting-Responses sent so far (tests, diagnostics). */
    public long answeredCount() {
        return (long) answered.count();
    }

    /** Requests whose roles were dropped so far (tests, diagnostics). */
    public long rolesDroppedCount() {
        return (long) rolesDropped.count();
    }

    /** Session-Timeout values kept at a bound so far (tests, diagnostics). */
    public long timeoutClampedCount() {
        return (long) timeoutClamped.count();
    }

    public void timeoutClamped() {
        timeoutClamped.increment();
    }

    @Override
    public void published() {
        published.increment();
    }

    @Override
    public void publishRetried() {
        retried.increment();
    }

    @Override
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        out.put("radius.received", (long) received.count());
        out.put("radius.answered", (long) answered.count());
        out.put("radius.published", (long) published.count());
        long dropped = 0;
        for (Map.Entry<String, Counter> entry : tagged.entrySet()) {
            if (entry.getKey().startsWith("openjims.radius.requests.dropped|")) {
                dropped += (long) entry.getValue().count();
            }
        }
        out.put("radius.dropped", dropped);
        return out;
    }

    /** The count of one tagged counter (tests, diagnostics). */
    public long count(String name, String value) {
        for (Map.Entry<String, Counter> entry : tagged.entrySet()) {
            if (entry.getKey().startsWith(name + '|') && entry.getKey().endsWith('|' + value)) {
                return (long) entry.getValue().count();
            }
        }
        return 0;
    }

    private void count(String name, String tag, String value, String description) {
        tagged.computeIfAbsent(
                        name + '|' + tag + '|' + value,
                        k -> Counter.builder(name)
                                .description(description)
                                .tag(tag, value)
                                .register(registry))
                .increment();
    }
}

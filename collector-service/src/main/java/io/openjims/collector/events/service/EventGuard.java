package io.openjims.collector.events.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.openjims.collector.events.config.EventRulesConfig;
import io.openjims.collector.events.config.EventRulesConfig.FutureTime;
import io.openjims.model.IdentityEvent;
import io.openjims.model.IdentityText;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The last check of every identity event before it is published, the same on every path (syslog rules, JSON, SRX Web
 * API, PAN-OS User-ID): its text and times follow {@link IdentityText}, and a time too far in the future is clamped to
 * the receive time or rejected ({@link EventRulesConfig}). Counted per path and reason.
 */
@ApplicationScoped
public class EventGuard {

    /** The outcome of a check. */
    public sealed interface Verdict {}

    /** The event to publish: {@code event} itself, or a copy dated at its receive time when {@code clamped}. */
    public record Accepted(IdentityEvent event, boolean clamped) implements Verdict {}

    /** Not publishable: a short stable reason (a metric tag) and what was wrong. */
    public record Refused(String reason, String detail) implements Verdict {}

    private final Duration maxFutureSkew;
    private final FutureTime futureTime;
    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    public EventGuard(EventRulesConfig config, MeterRegistry registry) {
        this.maxFutureSkew = config.maxFutureSkew();
        this.futureTime = config.futureTime();
        this.registry = registry;
    }

    /** Checks an event that arrived by {@code path} (the producer kind), counting refusals and clamps. */
    public Verdict check(String path, IdentityEvent event) {
        Verdict verdict = check(event, maxFutureSkew, futureTime);
        if (verdict instanceof Refused refused) {
            count("openjims.collector.events.refused", path, refused.reason());
        } else if (verdict instanceof Accepted accepted && accepted.clamped()) {
            count("openjims.collector.events.clamped", path, IdentityText.TIME_IN_FUTURE);
        }
        return verdict;
    }

    /** The rule itself; pure. */
    public static Verdict check(IdentityEvent e, Duration maxFutureSkew, FutureTime futureTime) {
        IdentityText.Problem problem = IdentityText.problem(e);
        if (problem != null) {
            return new Refused(problem.reason(), problem.toString());
        }
        Instant bounded = IdentityText.boundedTime(e.occurredAt(), e.receivedAt(), maxFutureSkew);
        if (bounded == e.occurredAt()) {
            return new Accepted(e, false);
        }
        if (futureTime == FutureTime.REJECT) {
            return new Refused(
                    IdentityText.TIME_IN_FUTURE,
                    "occurred_at " + e.occurredAt() + " is in the future (more than " + maxFutureSkew.toMinutes()
                            + " minutes ahead of the receive time)");
        }
        return new Accepted(e.withTimes(bounded, e.receivedAt()), true);
    }

    private void count(String name, String path, String reason) {
        counters.computeIfAbsent(
                        name + '|' + path + '|' + reason,
                        k -> Counter.builder(name)
                                .description(
                                        name.endsWith("refused")
                                                ? "Identity events refused before publishing, by path and reason"
                                                : "Identity events dated too far ahead, published at their receive time")
                                .tag("path", path)
                                .tag("reason", reason)
                                .register(registry))
                .increment();
    }
}

package io.openjims.query.view.service;

import io.openjims.model.IdentityEvent;
import io.openjims.model.IdentityText;
import io.openjims.model.contract.IpAddresses;
import io.openjims.model.contract.UserNames;
import io.openjims.model.kafka.JsonCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** Turns a wire event into a {@link ViewEvent}, or rejects it; pure logic. */
public final class EventNormalizer {

    private EventNormalizer() {}

    /**
     * An event whose domain still has to be mapped from the name the producer used to the DNS name.
     *
     * @param clamped whether the event's time lay too far in the future and was replaced by its receive time
     */
    public record Parsed(
            IdentityEvent event, String ip, String rawDomainLc, String user, Instant at, boolean clamped) {}

    /** Thrown for an event that cannot be applied: a short stable reason (a metric tag) and what was wrong. */
    public static final class Rejected extends Exception {
        private final String reason;

        public Rejected(String reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /**
     * Checks and splits a wire event. Text and times follow {@link IdentityText}; a time more than {@code
     * maxFutureSkew} ahead of the receive time (or of {@code now} when the event has none) is replaced by it.
     */
    public static Parsed parse(IdentityEvent e, Duration maxFutureSkew, Instant now) throws Rejected {
        if (e == null) {
            throw new Rejected("empty_value", "empty value");
        }
        if (e.operation() == null) {
            throw new Rejected("no_operation", "no operation");
        }
        IdentityText.Problem problem = IdentityText.problem(e);
        if (problem != null) {
            throw new Rejected(problem.reason(), problem.toString());
        }
        String ip = IpAddresses.canonicalOrNull(e.ip());
        if (ip == null) {
            throw new Rejected("invalid_ip", "ip is not an IPv4 or IPv6 address");
        }
        UserNames.UserDomain split = UserNames.split(e.user(), e.domain());
        String user = split.user();
        String domain = split.domain();
        if (user == null) {
            throw new Rejected("no_user", "no user");
        }
        Instant received = e.receivedAt() != null ? e.receivedAt() : now;
        Instant when = e.occurredAt() != null ? e.occurredAt() : e.receivedAt();
        if (when == null) {
            throw new Rejected("no_time", "no occurred_at");
        }
        Instant bounded = IdentityText.boundedTime(when, received, maxFutureSkew);
        return new Parsed(
                e, ip, domain == null ? null : domain.toLowerCase(Locale.ROOT), user, bounded, bounded != when);
    }

    /** Completes a parsed event with the DNS domain ({@code aliases}: lower-case alias to DNS name). */
    public static ViewEvent complete(Parsed p, Map<String, String> aliases) {
        IdentityEvent e = p.event();
        String domain = p.rawDomainLc() == null ? null : aliases.getOrDefault(p.rawDomainLc(), p.rawDomainLc());
        var source = e.source();
        return new ViewEvent(
                e.id() != null ? e.id() : "offsetless-" + p.ip() + "-" + p.at(),
                e.operation(),
                p.ip(),
                domain,
                p.user(),
                e.roles(),
                e.device() == null ? null : JsonCodec.toJson(e.device()),
                e.posture(),
                SessionRules.clampTimeout(e.timeoutMinutes()),
                source == null || source.producerKind() == null ? "unknown" : source.producerKind(),
                source == null ? null : source.collectorId(),
                source == null ? null : source.producerName(),
                p.at());
    }
}

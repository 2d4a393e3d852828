package io.openjims.query.view.service;

import io.openjims.model.IdentityEvent;
import io.openjims.model.IdentityText;
import io.openjims.model.contract.IpAddresses;
import io.openjims.model.contract.UserNames;
import io.openjims.model.kafka.JsonCodec;
import io.openjims.query.view.model.AliasOwner;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

    /**
     * The DNS domain a producer's domain name stands for. An alias resolves within the producer's collector site when
     * a directory of that site claims it; otherwise (site unknown, or no directory there) only when exactly one DNS
     * domain claims it anywhere. An ambiguous or unknown name stays as written, so it matches no tenant's domain.
     */
    public static String dnsDomain(String rawLc, String site, List<AliasOwner> owners) {
        if (owners == null || owners.isEmpty()) {
            return rawLc;
        }
        if (site != null && !site.isBlank()) {
            List<String> sameSite = owners.stream()
                    .filter(o -> site.equals(o.site()))
                    .map(AliasOwner::domain)
                    .distinct()
                    .toList();
            if (!sameSite.isEmpty()) {
                return sameSite.size() == 1 ? sameSite.get(0) : rawLc;
            }
        }
        List<String> anywhere =
                owners.stream().map(AliasOwner::domain).distinct().toList();
        return anywhere.size() == 1 ? anywhere.get(0) : rawLc;
    }

    /** Completes a parsed event with the DNS domain ({@code aliases}: who claims each lower-case alias). */
    public static ViewEvent complete(Parsed p, Map<String, List<AliasOwner>> aliases) {
        IdentityEvent e = p.event();
        var source = e.source();
        String domain = p.rawDomainLc() == null
                ? null
                : dnsDomain(p.rawDomainLc(), source == null ? null : source.site(), aliases.get(p.rawDomainLc()));
        return new ViewEvent(
                e.id() != null ? e.id() : "offsetless-" + p.ip() + "-" + p.at(),
                e.operation(),
                p.ip(),
                domain,
                p.user(),
                e.roles(),
                e.device() == null ? null : JsonCodec.toJson(e.device()),
                e.posture(),
                SessionRules.boundedTimeout(e.timeoutMinutes()),
                source == null || source.producerKind() == null ? "unknown" : source.producerKind(),
                source == null ? null : source.collectorId(),
                source == null ? null : source.producerName(),
                p.at(),
                e.sessionId() == null || e.sessionId().isBlank() ? null : e.sessionId());
    }
}

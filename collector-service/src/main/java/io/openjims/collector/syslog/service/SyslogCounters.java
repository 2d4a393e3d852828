package io.openjims.collector.syslog.service;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.openjims.collector.events.service.EventPublisher;
import io.openjims.collector.status.service.CounterSource;
import io.openjims.collector.syslog.config.SyslogConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Syslog counters per sender and per rule, exported to Micrometer ({@code openjims_syslog_sender_messages_total},
 * {@code openjims_syslog_rule_messages_total}, ...) and readable as a map through {@link #snapshot()}.
 */
@ApplicationScoped
public class SyslogCounters implements EventPublisher.Acks, CounterSource {

    /** What happened to a message. */
    public enum Outcome {
        /** Read from the network (every message, whatever happens next). */
        RECEIVED,
        /** A rule produced an event. */
        MATCHED,
        /** No rule took it. */
        UNMATCHED,
        /** A rule took it but it reports nothing to keep. */
        IGNORED,
        /** A rule took it but a value is unusable (no user, invalid IP). */
        REJECTED,
        /** Not processed: too long, unframeable, or the UDP buffer was full. */
        DROPPED,
        /** Neither RFC 5424 nor RFC 3164 (still offered to the rules as raw text). */
        MALFORMED;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Why a TCP/TLS connection was closed at once ({@code reason} tag of {@code openjims_syslog_connections_refused}). */
    public enum Refusal {
        /** The sender is not on the allow-list. */
        DENIED,
        /** {@code max-connections} connections were open. */
        MAX_CONNECTIONS,
        /** {@code max-connections-per-source} connections from this address were open. */
        PER_SOURCE;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Why a TLS handshake failed ({@code reason} tag of {@code openjims_syslog_tls_handshakes_failed}). */
    public enum HandshakeFailure {
        /** Client certificates are required and none was presented. */
        NO_CLIENT_CERTIFICATE,
        /** The client certificate does not chain to {@code client-ca-file} (or is expired, or unusable). */
        UNTRUSTED_CLIENT_CERTIFICATE,
        /** Anything else: no common protocol or cipher, plain text on the TLS port, a timeout. */
        OTHER;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final String OTHER_SENDERS = "other";

    private final MeterRegistry registry;
    private final int maxSenders;
    private final Map<Outcome, LongAdder> totals = new EnumMap<>(Outcome.class);
    private final ConcurrentMap<String, Map<Outcome, LongAdder>> bySender = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Map<Outcome, LongAdder>> byRule = new ConcurrentHashMap<>();
    private final LongAdder published = new LongAdder();
    private final LongAdder publishRetries = new LongAdder();
    private final Map<Refusal, LongAdder> connectionsRefused = new EnumMap<>(Refusal.class);
    private final Map<HandshakeFailure, LongAdder> handshakesFailed = new EnumMap<>(HandshakeFailure.class);
    private final LongAdder outOfScope = new LongAdder();
    private final LongAdder denied = new LongAdder();
    private final AtomicInteger connectionsOpen = new AtomicInteger();

    public SyslogCounters(MeterRegistry registry, SyslogConfig config) {
        this.registry = registry;
        this.maxSenders = config.maxTrackedSenders();
        for (Outcome outcome : Outcome.values()) {
            totals.put(outcome, new LongAdder());
        }
        FunctionCounter.builder("openjims.syslog.published", published, LongAdder::doubleValue)
                .description("Syslog events acknowledged by Kafka")
                .register(registry);
        FunctionCounter.builder("openjims.syslog.publish.retries", publishRetries, LongAdder::doubleValue)
                .description("Syslog events sent again after Kafka refused them")
                .register(registry);
        for (Refusal refusal : Refusal.values()) {
            LongAdder adder = new LongAdder();
            connectionsRefused.put(refusal, adder);
            FunctionCounter.builder("openjims.syslog.connections.refused", adder, LongAdder::doubleValue)
                    .description("TCP/TLS connections closed at once (not allowed, connection limits)")
                    .tag("reason", refusal.label())
                    .register(registry);
        }
        for (HandshakeFailure failure : HandshakeFailure.values()) {
            LongAdder adder = new LongAdder();
            handshakesFailed.put(failure, adder);
            FunctionCounter.builder("openjims.syslog.tls.handshakes.failed", adder, LongAdder::doubleValue)
                    .description("TLS syslog connections whose handshake failed (e.g. no or an untrusted client"
                            + " certificate)")
                    .tag("reason", failure.label())
                    .register(registry);
        }
        FunctionCounter.builder("openjims.syslog.denied", denied, LongAdder::doubleValue)
                .description("Connections and datagrams from senders outside the allow-list")
                .register(registry);
        Gauge.builder("openjims.syslog.connections.open", connectionsOpen, AtomicInteger::get)
                .description("Open TCP/TLS syslog connections")
                .register(registry);
    }

    public void count(String sender, Outcome outcome) {
        totals.get(outcome).increment();
        senderCounters(sender).get(outcome).increment();
    }

    public void countRule(String rule, Outcome outcome) {
        byRule.computeIfAbsent(rule, name -> register("openjims.syslog.rule.messages", "rule", name))
                .get(outcome)
                .increment();
    }

    @Override
    public void published() {
        published.increment();
    }

    @Override
    public void publishRetried() {
        publishRetries.increment();
    }

    public void connectionRefused(Refusal reason) {
        connectionsRefused.get(reason).increment();
    }

    public long connectionsRefused(Refusal reason) {
        return connectionsRefused.get(reason).sum();
    }

    public void handshakeFailed(HandshakeFailure reason) {
        handshakesFailed.get(reason).increment();
    }

    public long handshakesFailed(HandshakeFailure reason) {
        return handshakesFailed.get(reason).sum();
    }

    /**
     * An event of a named sender outside its scope,
     * {@code openjims_syslog_out_of_scope_total{sender=<configured name>,reason=domain|address}}.
     */
    public void outOfScope(String senderName, String reason) {
        outOfScope.increment();
        registry.counter("openjims.syslog.out.of.scope", "sender", senderName, "reason", reason)
                .increment();
    }

    public long outOfScope() {
        return outOfScope.sum();
    }

    public void denied() {
        denied.increment();
    }

    public void connectionOpened() {
        connectionsOpen.incrementAndGet();
    }

    public void connectionClosed() {
        connectionsOpen.decrementAndGet();
    }

    public long total(Outcome outcome) {
        return totals.get(outcome).sum();
    }

    public long sender(String sender, Outcome outcome) {
        Map<Outcome, LongAdder> counters = bySender.get(sender);
        return counters == null ? 0 : counters.get(outcome).sum();
    }

    public long rule(String rule, Outcome outcome) {
        Map<Outcome, LongAdder> counters = byRule.get(rule);
        return counters == null ? 0 : counters.get(outcome).sum();
    }

    /**
     * All counters by name: {@code syslog.<outcome>} (totals), {@code syslog.sender.<address>.<outcome>},
     * {@code syslog.rule.<name>.<outcome>}, {@code syslog.published}, {@code syslog.publish_retries},
     * {@code syslog.connections.open}, {@code syslog.connections.refused} (all reasons) and
     * {@code syslog.connections.refused.<reason>}, {@code syslog.tls.handshakes_failed}, {@code syslog.denied},
     * {@code syslog.out_of_scope}.
     */
    @Override
    public Map<String, Long> snapshot() {
        Map<String, Long> all = new TreeMap<>();
        totals.forEach((outcome, adder) -> all.put("syslog." + outcome.label(), adder.sum()));
        bySender.forEach((sender, counters) -> counters.forEach(
                (outcome, adder) -> all.put("syslog.sender." + sender + "." + outcome.label(), adder.sum())));
        byRule.forEach((rule, counters) -> counters.forEach((outcome, adder) -> {
            if (outcome != Outcome.RECEIVED && outcome != Outcome.DROPPED && outcome != Outcome.MALFORMED) {
                all.put("syslog.rule." + rule + "." + outcome.label(), adder.sum());
            }
        }));
        all.put("syslog.published", published.sum());
        all.put("syslog.publish_retries", publishRetries.sum());
        all.put("syslog.connections.open", (long) connectionsOpen.get());
        all.put(
                "syslog.connections.refused",
                connectionsRefused.values().stream().mapToLong(LongAdder::sum).sum());
        connectionsRefused.forEach(
                (reason, adder) -> all.put("syslog.connections.refused." + reason.label(), adder.sum()));
        all.put(
                "syslog.tls.handshakes_failed",
                handshakesFailed.values().stream().mapToLong(LongAdder::sum).sum());
        all.put("syslog.out_of_scope", outOfScope.sum());
        all.put("syslog.denied", denied.sum());
        return all;
    }

    private Map<Outcome, LongAdder> senderCounters(String sender) {
        Map<Outcome, LongAdder> counters = bySender.get(sender);
        if (counters != null) {
            return counters;
        }
        String key = bySender.size() >= maxSenders ? OTHER_SENDERS : sender;
        return bySender.computeIfAbsent(key, name -> register("openjims.syslog.sender.messages", "sender", name));
    }

    private Map<Outcome, LongAdder> register(String meter, String tag, String value) {
        Map<Outcome, LongAdder> counters = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            LongAdder adder = new LongAdder();
            counters.put(outcome, adder);
            FunctionCounter.builder(meter, adder, LongAdder::doubleValue)
                    .tag(tag, value)
                    .tag("outcome", outcome.label())
                    .register(registry);
        }
        return counters;
    }
}

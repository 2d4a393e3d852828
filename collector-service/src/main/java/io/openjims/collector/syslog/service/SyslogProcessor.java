package io.openjims.collector.syslog.service;

import io.openjims.collector.events.service.EventGuard;
import io.openjims.collector.events.service.EventIds;
import io.openjims.collector.ingest.service.ProducerScope;
import io.openjims.collector.status.service.CollectorIdentity;
import io.openjims.collector.syslog.parse.SyslogFormat;
import io.openjims.collector.syslog.parse.SyslogMessage;
import io.openjims.collector.syslog.parse.SyslogParser;
import io.openjims.collector.syslog.rules.ExtractedIdentity;
import io.openjims.collector.syslog.rules.RuleEngine;
import io.openjims.collector.syslog.rules.RuleResult;
import io.openjims.collector.syslog.service.SyslogCounters.Outcome;
import io.openjims.model.Device;
import io.openjims.model.EventSource;
import io.openjims.model.IdentityEvent;
import io.openjims.model.contract.SourceKinds;
import io.quarkus.arc.ClientProxy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Turns one received syslog message into an identity event, counting what happened to it. Thread-safe: every listener
 * event loop calls it. Publishing is {@link io.openjims.collector.events.service.EventPublisher}'s job.
 */
@ApplicationScoped
public class SyslogProcessor {

    public static final String PRODUCER_KIND = SourceKinds.SYSLOG;

    private static final Logger LOG = Logger.getLogger(SyslogProcessor.class);

    private final SyslogParser parser = new SyslogParser();
    private final RuleEngine engine;
    private final SyslogCounters counters;
    private final EventGuard guard;
    private final String collectorId;
    private final CollectorIdentity collector;

    public SyslogProcessor(RuleEngine engine, SyslogCounters counters, CollectorIdentity identity, EventGuard guard) {
        this.engine = engine;
        // Called per message: the beans themselves, not their client proxies (a context lookup per call).
        this.counters = ClientProxy.unwrap(counters);
        this.guard = ClientProxy.unwrap(guard);
        this.collectorId = identity.id();
        this.collector = identity;
    }

    /** Parses and matches one message from an unrestricted sender; returns the event to publish, or null (counted). */
    public IdentityEvent toEvent(String line, String sender) {
        return toEvent(line, sender, SenderScope.UNRESTRICTED);
    }

    /**
     * Parses and matches one message from the sender; returns the event to publish, or null (counted). An event
     * outside the sender's scope is rejected and counted with its reason.
     */
    public IdentityEvent toEvent(String line, String sender, SenderScope scope) {
        counters.count(sender, Outcome.RECEIVED);
        SyslogMessage message = parser.parse(line);
        if (message.format() == SyslogFormat.RAW) {
            counters.count(sender, Outcome.MALFORMED);
        }
        RuleResult result = engine.evaluate(message, sender);
        switch (result.outcome()) {
            case MATCHED -> {
                EventGuard.Verdict verdict = guard.check(PRODUCER_KIND, event(result, sender));
                if (verdict instanceof EventGuard.Accepted accepted) {
                    ProducerScope.Refusal outside = scope.scope().refusal(accepted.event());
                    if (outside != null) {
                        counters.count(sender, Outcome.REJECTED);
                        counters.countRule(result.rule(), Outcome.REJECTED);
                        counters.outOfScope(scope.name(), outside.reason());
                        LOG.debugf(
                                "syslog from %s (sender %s) matched rule %s but lies outside its %s scope"
                                        + " (domain %s, ip %s)",
                                sender,
                                scope.name(),
                                result.rule(),
                                outside.reason(),
                                accepted.event().domain(),
                                accepted.event().ip());
                        return null;
                    }
                    counters.count(sender, Outcome.MATCHED);
                    counters.countRule(result.rule(), Outcome.MATCHED);
                    return accepted.event();
                }
                counters.count(sender, Outcome.REJECTED);
                counters.countRule(result.rule(), Outcome.REJECTED);
                LOG.debugf(
                        "syslog from %s matched rule %s but was refused: %s",
                        sender, result.rule(), ((EventGuard.Refused) verdict).detail());
            }
            case IGNORED -> {
                counters.count(sender, Outcome.IGNORED);
                counters.countRule(result.rule(), Outcome.IGNORED);
            }
            case REJECTED -> {
                counters.count(sender, Outcome.REJECTED);
                counters.countRule(result.rule(), Outcome.REJECTED);
                LOG.debugf("syslog from %s rejected by rule %s: %s", sender, result.rule(), result.detail());
            }
            case UNMATCHED -> counters.count(sender, Outcome.UNMATCHED);
        }
        return null;
    }

    /** Counts a message that was read but not processed (too long, unframeable). */
    public void unreadable(String sender) {
        counters.count(sender, Outcome.RECEIVED);
        counters.count(sender, Outcome.DROPPED);
    }

    /** Counts an event that was matched but dropped because the UDP buffer was full. */
    public void dropped(String sender) {
        counters.count(sender, Outcome.DROPPED);
    }

    public SyslogCounters counters() {
        return counters;
    }

    private IdentityEvent event(RuleResult result, String sender) {
        ExtractedIdentity identity = result.identity();
        Instant now = Instant.now();
        return new IdentityEvent(
                EventIds.random().toString(),
                IdentityEvent.SCHEMA_VERSION,
                identity.operation(),
                identity.ip(),
                identity.domain(),
                identity.user(),
                List.of(),
                identity.device() == null ? null : new Device(identity.device(), List.of(), null, null),
                null,
                null,
                new EventSource(collectorId, PRODUCER_KIND, result.rule() + "@" + sender, collector.site()),
                identity.timestamp() == null ? now : identity.timestamp(),
                now);
    }
}

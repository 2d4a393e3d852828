package io.openjims.collector.syslog.service;

import io.openjims.collector.events.service.EventPublisher;
import io.openjims.collector.status.service.CollectorIdentity;
import io.openjims.collector.syslog.parse.SyslogFormat;
import io.openjims.collector.syslog.parse.SyslogMessage;
import io.openjims.collector.syslog.parse.SyslogParser;
import io.openjims.collector.syslog.rules.ExtractedIdentity;
import io.openjims.collector.syslog.rules.RuleResult;
import io.openjims.collector.syslog.service.SyslogCounters.Outcome;
import io.openjims.model.Device;
import io.openjims.model.EventSource;
import io.openjims.model.IdentityEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Turns one received syslog message into an identity event (counting what happened to it) and publishes events
 * until Kafka acknowledges them: an accepted event is never given up while the collector runs.
 */
@ApplicationScoped
public class SyslogProcessor {

    public static final String PRODUCER_KIND = "syslog";

    private static final Logger LOG = Logger.getLogger(SyslogProcessor.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration MAX_RETRY = Duration.ofSeconds(10);

    private final SyslogParser parser = new SyslogParser();
    private final SyslogRules rules;
    private final EventPublisher publisher;
    private final SyslogCounters counters;
    private final String collectorId;

    public SyslogProcessor(
            SyslogRules rules, EventPublisher publisher, SyslogCounters counters, CollectorIdentity identity) {
        this.rules = rules;
        this.publisher = publisher;
        this.counters = counters;
        this.collectorId = identity.id();
    }

    /** Parses and matches one message from the sender; returns the event to publish, or null (counted). */
    public IdentityEvent toEvent(String line, String sender) {
        counters.count(sender, Outcome.RECEIVED);
        SyslogMessage message = parser.parse(line);
        if (message.format() == SyslogFormat.RAW) {
            counters.count(sender, Outcome.MALFORMED);
        }
        RuleResult result = rules.engine().evaluate(message, sender);
        switch (result.outcome()) {
            case MATCHED -> {
                counters.count(sender, Outcome.MATCHED);
                counters.countRule(result.rule(), Outcome.MATCHED);
                return event(result, sender);
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

    /** Publishes the event, sending it again with back-off after each failure; completes once Kafka acknowledged. */
    public Uni<Void> publishUntilAcked(IdentityEvent event) {
        return Uni.createFrom()
                .deferred(() -> publisher.publish(event))
                .onFailure()
                .invoke(failure -> counters.publishRetried())
                .onFailure()
                .retry()
                .withBackOff(FIRST_RETRY, MAX_RETRY)
                .indefinitely()
                .invoke(counters::published);
    }

    private IdentityEvent event(RuleResult result, String sender) {
        ExtractedIdentity identity = result.identity();
        Instant now = Instant.now();
        return new IdentityEvent(
                UUID.randomUUID().toString(),
                IdentityEvent.SCHEMA_VERSION,
                identity.operation(),
                identity.ip(),
                identity.domain(),
                identity.user(),
                List.of(),
                identity.device() == null ? null : new Device(identity.device(), List.of(), null, null),
                null,
                null,
                new EventSource(collectorId, PRODUCER_KIND, result.rule() + "@" + sender),
                identity.timestamp() == null ? now : identity.timestamp(),
                now);
    }
}

package io.openjims.query.view.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.openjims.model.IdentityEvent;
import io.openjims.model.Operation;
import io.openjims.model.kafka.JsonCodec;
import io.openjims.query.view.config.ViewConfig;
import io.openjims.query.view.kafka.CheckpointedConsumer.Rejections;
import io.openjims.query.view.model.AliasOwner;
import io.openjims.query.view.model.ChangeRow;
import io.openjims.query.view.model.Decision;
import io.openjims.query.view.model.IgnoreRule;
import io.openjims.query.view.model.SessionRow;
import io.openjims.query.view.model.TimeoutSettings;
import io.openjims.query.view.model.UserKey;
import io.openjims.query.view.repository.ChangeLogJdbcRepository;
import io.openjims.query.view.repository.DecisionJdbcRepository;
import io.openjims.query.view.repository.DomainLockJdbcRepository;
import io.openjims.query.view.repository.IgnoreRuleJdbcRepository;
import io.openjims.query.view.repository.SessionJdbcRepository;
import io.openjims.query.view.repository.SettingJdbcRepository;
import io.openjims.query.view.repository.UserDirectory;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Applies a batch of identity events to the sessions and the change log, inside the consumer's transaction. Created at
 * start-up, so a bad source precedence stops the service with a message naming it.
 */
@Startup
@ApplicationScoped
public class EventMaterializer {

    private static final Logger LOG = Logger.getLogger(EventMaterializer.class);

    private final SessionJdbcRepository sessions;
    private final ChangeLogJdbcRepository changeLog;
    private final UserDirectory directory;
    private final SettingJdbcRepository settings;
    private final IgnoreRuleJdbcRepository ignoreRules;
    private final DecisionJdbcRepository decisions;
    private final DomainLockJdbcRepository domainLocks;
    private final ViewConfig config;
    private final SessionRules.Precedence precedence;
    private final MeterRegistry registry;
    private final Counter applied;
    private final Counter rejected;
    private final Counter clamped;
    private final Counter timeoutBounded;

    public EventMaterializer(
            SessionJdbcRepository sessions,
            ChangeLogJdbcRepository changeLog,
            UserDirectory directory,
            SettingJdbcRepository settings,
            IgnoreRuleJdbcRepository ignoreRules,
            DecisionJdbcRepository decisions,
            DomainLockJdbcRepository domainLocks,
            ViewConfig config,
            MeterRegistry registry) {
        this.ignoreRules = ignoreRules;
        this.decisions = decisions;
        this.domainLocks = domainLocks;
        this.precedence = new SessionRules.Precedence(config.sourcePrecedence(), config.precedenceHold());
        this.registry = registry;
        this.sessions = sessions;
        this.changeLog = changeLog;
        this.directory = directory;
        this.settings = settings;
        this.config = config;
        this.applied = Counter.builder("openjims.query.events.applied")
                .description("Identity events applied to the view")
                .register(registry);
        this.rejected = Counter.builder("openjims.query.events.rejected")
                .description("Identity events that could not be applied (malformed or incomplete)")
                .register(registry);
        this.clamped = Counter.builder("openjims.query.events.clamped")
                .description("Identity events dated too far in the future, applied at their receive time")
                .register(registry);
        this.timeoutBounded = Counter.builder("openjims.query.events.timeout.bounded")
                .description("Identity events whose timeout lay outside 0 or 10..1440 minutes (an older collector),"
                        + " applied at the nearer bound")
                .register(registry);
    }

    /**
     * Applies the records in order, rejecting those that are malformed; returns the number of visible changes
     * appended.
     */
    public int apply(Connection c, List<ConsumerRecord<String, byte[]>> records, Rejections rejections)
            throws SQLException {
        List<EventNormalizer.Parsed> parsed = new ArrayList<>(records.size());
        Set<String> rawDomains = new HashSet<>();
        Instant now = Instant.now();
        for (ConsumerRecord<String, byte[]> r : records) {
            try {
                IdentityEvent e = r.value() == null ? null : JsonCodec.fromBytes(r.value(), IdentityEvent.class);
                EventNormalizer.Parsed p = EventNormalizer.parse(e, config.maxFutureSkew(), now);
                parsed.add(p);
                if (p.clamped()) {
                    clamped.increment();
                }
                if (p.rawDomainLc() != null) {
                    rawDomains.add(p.rawDomainLc());
                }
            } catch (EventNormalizer.Rejected e) {
                reject(rejections, r, e.reason(), e.getMessage());
            } catch (RuntimeException e) {
                reject(rejections, r, "unreadable", e.getMessage());
            }
        }
        if (parsed.isEmpty()) {
            return 0;
        }
        Map<String, List<AliasOwner>> aliases = directory.resolveAliases(c, rawDomains);
        List<ViewEvent> events = new ArrayList<>(parsed.size());
        Set<String> ips = new HashSet<>();
        Set<UserKey> users = new HashSet<>();
        for (EventNormalizer.Parsed p : parsed) {
            ViewEvent e = EventNormalizer.complete(p, aliases);
            if (!Objects.equals(e.timeoutMinutes(), p.event().timeoutMinutes())) {
                timeoutBounded.increment();
            }
            events.add(e);
            ips.add(e.ip());
            if (e.operation() == Operation.LOGON) {
                users.add(new UserKey(e.domain(), e.userLc()));
            }
        }
        return applyEvents(c, events, ips, users);
    }

    private void reject(Rejections rejections, ConsumerRecord<String, byte[]> r, String reason, String detail) {
        rejected.increment();
        rejections.reject(r, reason, detail);
        LOG.debugf("Rejected event at %s-%d@%d: %s", r.topic(), r.partition(), r.offset(), detail);
    }

    /** Applies normalized events (also used by tools and tests that bypass Kafka). */
    public int applyEvents(Connection c, List<ViewEvent> events, Set<String> ips, Set<UserKey> users)
            throws SQLException {
        TimeoutSettings timeouts = settings.timeouts(c, config.sessionTimeoutMinutes());
        // Before any session row: a directory batch of these domains commits wholly before or after this one.
        domainLocks.lockShared(c, users.stream().map(UserKey::domain).toList());
        Map<String, SessionRow> current = sessions.lockByIp(c, ips);
        Map<UserKey, List<String>> groups = directory.groupsOf(c, users);
        IgnoreRules ignore = IgnoreRules.of(ignoreRules.all(c));
        Map<String, SessionRow> dirty = new LinkedHashMap<>();
        List<ChangeRow> changes = new ArrayList<>();
        List<Decision> decided = new ArrayList<>(events.size());
        Instant now = Instant.now();
        for (ViewEvent e : events) {
            IgnoreRule ignored = e.operation() == Operation.LOGON ? ignore.match(e.ip(), e.user()) : null;
            SessionRules.Outcome o;
            if (ignored != null) {
                registry.counter("openjims.query.events.ignored", "rule", ignored.tag())
                        .increment();
                o = new SessionRules.Outcome(null, null, SessionRules.Rule.IGNORED, ignored.tag());
            } else {
                List<String> directoryRoles = groups.getOrDefault(new UserKey(e.domain(), e.userLc()), List.of());
                o = SessionRules.apply(
                        current.get(e.ip()), e, directoryRoles, timeouts.defaultFor(e.sourceKind()), precedence, now);
                if (o.rule() == SessionRules.Rule.HELD) {
                    registry.counter("openjims.query.events.held", "source", e.sourceKind())
                            .increment();
                }
            }
            if (o.row() != null) {
                current.put(e.ip(), o.row());
                dirty.put(e.ip(), o.row());
            }
            if (o.change() != null) {
                changes.add(o.change());
            }
            if (!"duplicate".equals(o.detail())) {
                decided.add(new Decision(
                        e.ip(),
                        e.occurredAt(),
                        e.operation() == Operation.LOGON ? ChangeRow.LOGON : ChangeRow.LOGOFF,
                        e.domain(),
                        e.user(),
                        e.sourceKind(),
                        e.sourceCollector(),
                        e.sourceName(),
                        e.sessionId(),
                        o.rule().wire(),
                        o.detail()));
            }
        }
        sessions.upsert(c, dirty.values());
        decisions.append(c, decided);
        // Last: from here to the commit this transaction holds the change counter, which the other writers wait for.
        changeLog.append(c, changes);
        applied.increment(events.size());
        return changes.size();
    }
}

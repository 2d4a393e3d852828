package io.openjims.query.directory.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.openjims.model.DirectoryObject;
import io.openjims.model.DirectoryObjectKind;
import io.openjims.model.IdentityText;
import io.openjims.model.kafka.JsonCodec;
import io.openjims.query.directory.repository.DirectoryJdbcRepository;
import io.openjims.query.directory.repository.DirectoryJdbcRepository.StoredObject;
import io.openjims.query.view.kafka.CheckpointedConsumer.Rejections;
import io.openjims.query.view.model.ChangeRow;
import io.openjims.query.view.model.SessionRow;
import io.openjims.query.view.model.UserKey;
import io.openjims.query.view.repository.ChangeLogJdbcRepository;
import io.openjims.query.view.repository.DomainLockJdbcRepository;
import io.openjims.query.view.repository.SessionJdbcRepository;
import io.openjims.query.view.service.DirectoryRecordHandler;
import io.openjims.query.view.service.SessionRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Applies identity.directory records (null value = deleted) and re-derives the roles of logged-on users whose groups
 * changed: each such session gets a logon change carrying the new roles.
 */
@ApplicationScoped
public class DirectoryMaterializer implements DirectoryRecordHandler {

    private static final Logger LOG = Logger.getLogger(DirectoryMaterializer.class);

    private final DirectoryJdbcRepository directory;
    private final SessionJdbcRepository sessions;
    private final ChangeLogJdbcRepository changeLog;
    private final DomainLockJdbcRepository domainLocks;
    private final Counter rejected;

    public DirectoryMaterializer(
            DirectoryJdbcRepository directory,
            SessionJdbcRepository sessions,
            ChangeLogJdbcRepository changeLog,
            DomainLockJdbcRepository domainLocks,
            MeterRegistry registry) {
        this.directory = directory;
        this.sessions = sessions;
        this.changeLog = changeLog;
        this.domainLocks = domainLocks;
        this.rejected = Counter.builder("openjims.query.directory.rejected")
                .description("Directory records that could not be applied")
                .register(registry);
    }

    @Override
    public int apply(Connection c, List<ConsumerRecord<String, byte[]>> records, Rejections rejections)
            throws SQLException {
        Set<UserKey> users = new HashSet<>();
        Set<String> groupDomains = new HashSet<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            DirectoryObject o;
            try {
                o = r.value() == null || r.value().length == 0
                        ? null
                        : JsonCodec.fromBytes(r.value(), DirectoryObject.class);
                if (o != null
                        && (o.kind() == null || o.domain() == null || o.domain().isBlank())) {
                    reject(rejections, r, "incomplete", "kind and domain are required");
                    continue;
                }
            } catch (RuntimeException e) {
                reject(rejections, r, "unreadable", e.getMessage());
                continue;
            }
            IdentityText.Problem problem = o == null ? null : IdentityText.problem(o);
            if (problem != null) {
                reject(rejections, r, problem.reason(), problem.toString());
                continue;
            }
            String key = r.key() != null ? r.key() : o == null ? null : o.key();
            String keyProblem = IdentityText.problem(key, IdentityText.MAX_LONG_TEXT);
            if (key == null || keyProblem != null) {
                reject(rejections, r, key == null ? "no_key" : keyProblem, "record key");
                continue;
            }
            Optional<StoredObject> before;
            if (o == null) {
                before = directory.delete(c, key);
                if (before.isPresent()
                        && DirectoryObjectKind.DOMAIN
                                .wireName()
                                .equals(before.get().kind())) {
                    directory.replaceAliases(c, before.get().domain(), null, List.of(), null);
                }
            } else {
                before = directory.upsert(c, key, o);
                if (o.kind() == DirectoryObjectKind.USER && o.name() != null) {
                    users.add(new UserKey(lower(o.domain()), lower(o.name())));
                }
                if (o.kind() == DirectoryObjectKind.GROUP) {
                    groupDomains.add(lower(o.domain()));
                }
            }
            before.ifPresent(b -> {
                if (DirectoryObjectKind.USER.wireName().equals(b.kind()) && b.nameLc() != null) {
                    users.add(new UserKey(b.domain(), b.nameLc()));
                } else if (DirectoryObjectKind.GROUP.wireName().equals(b.kind())) {
                    groupDomains.add(b.domain());
                }
            });
        }
        Set<String> resolving = new HashSet<>();
        for (String d : groupDomains) {
            if (directory.domainResolvesMembership(c, d)) {
                resolving.add(d);
            }
        }
        if (users.isEmpty() && resolving.isEmpty()) {
            return 0;
        }
        return regroupSessions(c, users, resolving);
    }

    @Override
    public Set<String> storedKeys(Connection c) throws SQLException {
        return directory.keys(c);
    }

    private void reject(Rejections rejections, ConsumerRecord<String, byte[]> r, String reason, String detail) {
        rejected.increment();
        rejections.reject(r, reason, detail);
        LOG.debugf("Rejected directory record at %s-%d@%d: %s", r.topic(), r.partition(), r.offset(), detail);
    }

    private int regroupSessions(Connection c, Set<UserKey> users, Set<String> resolvingDomains) throws SQLException {
        List<String> domains = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (UserKey u : users) {
            domains.add(u.domain());
            names.add(u.userLc());
        }
        // Waits for logon batches of these domains in flight, so their sessions are regrouped below (see
        // DomainLockJdbcRepository); later ones read the groups written here.
        Set<String> locked = new HashSet<>(domains);
        locked.addAll(resolvingDomains);
        domainLocks.lockExclusive(c, locked);
        List<SessionRow> affected = sessions.lockActiveOfUsers(c, domains, names, resolvingDomains);
        if (affected.isEmpty()) {
            return 0;
        }
        Set<UserKey> keys = new HashSet<>();
        for (SessionRow s : affected) {
            keys.add(new UserKey(s.domain(), s.userLc()));
        }
        Map<UserKey, List<String>> groups = directory.groupsOf(c, keys);
        Instant now = Instant.now();
        List<SessionRow> dirty = new ArrayList<>();
        List<ChangeRow> changes = new ArrayList<>();
        for (SessionRow s : affected) {
            var o = SessionRules.regroup(
                    s,
                    groups.getOrDefault(new UserKey(s.domain(), s.userLc()), List.of()),
                    "roles-" + UUID.randomUUID(),
                    now);
            if (o.row() != null) {
                dirty.add(o.row());
                changes.add(o.change());
            }
        }
        sessions.upsert(c, dirty);
        changeLog.append(c, changes);
        return changes.size();
    }

    private static String lower(String s) {
        return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
    }
}

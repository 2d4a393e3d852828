package io.openjims.push.delivery.service;

import io.openjims.model.DirectoryObject;
import io.openjims.model.DirectoryObjectKind;
import io.openjims.model.IdentityText;
import io.openjims.model.SessionState;
import io.openjims.model.kafka.JsonCodec;
import io.openjims.push.delivery.model.PushItem;
import io.openjims.push.delivery.model.PushStats;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What one tenant has been told, reduced to what later changes need: the domain of each session it knows (a session
 * tombstone carries only the IP) and the kind and name of each directory object (a directory tombstone carries only
 * the key). Applying the source records in offset order turns each into the item the tenant must get, if any.
 *
 * <p>Pure logic, one thread; no Kafka or HTTP here.
 */
public final class DeliveredState {

    /** A value that is not the JSON of its topic's model. */
    public static final String UNREADABLE = "unreadable";

    /** A value without the fields an item needs. */
    public static final String INCOMPLETE = "incomplete";

    private final Set<String> domains;
    private final boolean withCollectors;
    private final byte[][] domainNeedles;
    private final Map<String, String> sessionDomains = new HashMap<>();
    private final Map<String, DirectoryEntry> directory = new HashMap<>();
    private final Map<String, Integer> objectsPerDomain = new HashMap<>();
    private final Set<String> collectors = new HashSet<>();
    private long users;
    private long groups;
    private long devices;
    private long malformed;
    private Rejection rejection;

    /** Why the last record applied was skipped: a short stable reason (a metric tag) and a detail. */
    public record Rejection(String reason, String detail) {}

    private record DirectoryEntry(DirectoryObjectKind kind, String domain, String name) {}

    /** Turns a record value into its model object; shared decoders parse each record once for all tenants. */
    @FunctionalInterface
    public interface Decoder {
        Decoder JSON = JsonCodec::fromBytes;

        <T> T decode(byte[] value, Class<T> type);

        /**
         * The item this record gives every tenant that gets it in full (a logon, an upsert, a collector): made once
         * by a shared decoder, so its JSON can be written once too.
         */
        default PushItem item(Supplier<PushItem> make) {
            return make.get();
        }
    }

    public DeliveredState(Set<String> domains, boolean withCollectors) {
        this.domains = Set.copyOf(domains);
        this.withCollectors = withCollectors;
        this.domainNeedles = domains.stream()
                .map(d -> ("\"" + d + "\"").getBytes(StandardCharsets.UTF_8))
                .toArray(byte[][]::new);
    }

    /** Whether records of this topic can concern the tenant at all. */
    public boolean reads(SourceTopic topic) {
        return topic != SourceTopic.COLLECTORS || withCollectors;
    }

    /**
     * Applies one record and returns the item the tenant must get for it, or null (other domain, unknown key,
     * malformed value).
     */
    public PushItem apply(SourceTopic topic, String key, byte[] value, Instant recordTime) {
        return apply(topic, key, value, recordTime, Decoder.JSON);
    }

    /** As {@link #apply(SourceTopic, String, byte[], Instant)}, parsing the value with {@code decoder}. */
    public PushItem apply(SourceTopic topic, String key, byte[] value, Instant recordTime, Decoder decoder) {
        if (key == null) {
            return null;
        }
        return switch (topic) {
            case DIRECTORY -> directory(key, value, decoder);
            case SESSIONS -> session(key, value, recordTime, decoder);
            case COLLECTORS -> withCollectors ? collector(key, value, decoder) : null;
        };
    }

    /** Whether a record could change what this tenant sees (cheap pre-check, used while reducing a snapshot). */
    public boolean mayConcern(SourceTopic topic, String key, byte[] value) {
        if (key == null) {
            return false;
        }
        return switch (topic) {
            case DIRECTORY -> domains.contains(domainOfKey(key));
            case SESSIONS -> value != null && mentionsDomain(value);
            case COLLECTORS -> withCollectors && value != null && mentionsDomain(value);
        };
    }

    public PushStats stats() {
        return new PushStats(objectsPerDomain.size(), users, devices, groups, sessionDomains.size());
    }

    /** Values that could not be read and were skipped. */
    public long malformed() {
        return malformed;
    }

    /** Why the record just applied was skipped, or null; cleared by the call. */
    public Rejection takeRejection() {
        Rejection r = rejection;
        rejection = null;
        return r;
    }

    private void reject(String reason, String detail) {
        malformed++;
        rejection = new Rejection(reason, detail);
    }

    private PushItem directory(String key, byte[] value, Decoder decoder) {
        String keyDomain = domainOfKey(key);
        if (!domains.contains(keyDomain)) {
            return null;
        }
        if (value == null) {
            DirectoryEntry gone = directory.remove(key);
            if (gone == null) {
                return null;
            }
            count(gone, -1);
            return gone.kind == DirectoryObjectKind.DOMAIN
                    ? null
                    : PushItem.delete(gone.kind.wireName(), gone.domain, gone.name);
        }
        DirectoryObject object;
        try {
            object = decoder.decode(value, DirectoryObject.class);
        } catch (RuntimeException e) {
            reject(UNREADABLE, e.getMessage());
            return null;
        }
        if (object == null || object.kind() == null || object.name() == null) {
            // Unreadable, incomplete or refused by the shared text rule: skipped, the tenant keeps what it had.
            reject(INCOMPLETE, "a directory object needs kind and name");
            return null;
        }
        IdentityText.Problem problem = IdentityText.problem(object);
        if (problem != null) {
            reject(problem.reason(), problem.toString());
            return null;
        }
        DirectoryEntry entry = new DirectoryEntry(object.kind(), keyDomain, object.name());
        DirectoryEntry before = directory.put(key, entry);
        if (before != null) {
            count(before, -1);
        }
        count(entry, +1);
        if (object.kind() == DirectoryObjectKind.DOMAIN) {
            return null;
        }
        List<String> groupNames = object.kind() == DirectoryObjectKind.GROUP
                ? null
                : object.groups() == null ? List.of() : object.groups();
        return decoder.item(() -> PushItem.upsert(object.kind().wireName(), keyDomain, object.name(), groupNames));
    }

    private PushItem session(String ip, byte[] value, Instant recordTime, Decoder decoder) {
        String knownDomain = sessionDomains.get(ip);
        if (value == null) {
            if (knownDomain == null) {
                return null;
            }
            sessionDomains.remove(ip);
            release(knownDomain);
            return PushItem.logoff(ip, knownDomain, recordTime);
        }
        if (knownDomain == null && !mentionsDomain(value)) {
            return null;
        }
        SessionState session;
        try {
            session = decoder.decode(value, SessionState.class);
        } catch (RuntimeException e) {
            reject(UNREADABLE, e.getMessage());
            return null;
        }
        String problem = session == null ? null : sessionProblem(ip, session);
        if (problem != null) {
            // Refused by the shared text rule: never sent; a session the tenant knew at the address ends.
            reject(problem, "session refused by the identity text rule");
            if (knownDomain != null) {
                sessionDomains.remove(ip);
                release(knownDomain);
                return PushItem.logoff(ip, knownDomain, recordTime);
            }
            return null;
        }
        String domain = session == null || session.domain() == null
                ? null
                : session.domain().toLowerCase(Locale.ROOT);
        if (domain != null && domains.contains(domain)) {
            if (knownDomain == null) {
                hold(domain);
            } else if (!knownDomain.equals(domain)) {
                release(knownDomain);
                hold(domain);
            }
            sessionDomains.put(ip, domain);
            return decoder.item(() -> PushItem.logon(
                    ip,
                    domain,
                    session.user(),
                    session.roles() == null ? List.of() : session.roles(),
                    session.logonAt() != null ? session.logonAt() : recordTime));
        }
        if (knownDomain != null) {
            // The address now belongs to a session this tenant may not see: end the one it knew.
            sessionDomains.remove(ip);
            release(knownDomain);
            return PushItem.logoff(ip, knownDomain, recordTime);
        }
        return null;
    }

    private PushItem collector(String id, byte[] value, Decoder decoder) {
        if (value == null) {
            collectors.remove(id);
            return null;
        }
        try {
            var status = decoder.decode(value, io.openjims.model.CollectorStatus.class);
            if (status == null || status.collectorId() == null) {
                reject(INCOMPLETE, "a collector status needs a collectorId");
                return null;
            }
            String problem = collectorProblem(status);
            if (problem != null) {
                reject(problem, "collector status refused by the identity text rule");
                return null;
            }
            if (!servesTenant(status)) {
                // Only collectors that serve one of the tenant's domains; one naming no domain goes to no tenant.
                collectors.remove(id);
                return null;
            }
            collectors.add(id);
            return decoder.item(() -> PushItem.collector(
                    status.collectorId(),
                    status.version(),
                    status.state() == null ? null : status.state().wireName(),
                    status.description(),
                    status.lastUpdate()));
        } catch (RuntimeException e) {
            reject(UNREADABLE, e.getMessage());
            return null;
        }
    }

    /** Why a session may not be sent (IdentityText), or null. */
    static String sessionProblem(String ip, SessionState session) {
        String p = IdentityText.problem(ip, IdentityText.MAX_NAME);
        p = p != null ? p : IdentityText.problem(session.domain(), IdentityText.MAX_NAME);
        p = p != null ? p : IdentityText.problem(session.user(), IdentityText.MAX_NAME);
        p = p != null ? p : IdentityText.problem(session.roles(), IdentityText.MAX_NAME);
        return p != null ? p : IdentityText.timeProblem(session.logonAt());
    }

    /** Why a collector heartbeat may not be sent (IdentityText), or null. */
    static String collectorProblem(io.openjims.model.CollectorStatus status) {
        String p = IdentityText.problem(status.collectorId(), IdentityText.MAX_NAME);
        p = p != null ? p : IdentityText.problem(status.version(), IdentityText.MAX_NAME);
        p = p != null ? p : IdentityText.problem(status.description(), IdentityText.MAX_LONG_TEXT);
        return p != null ? p : IdentityText.timeProblem(status.lastUpdate());
    }

    private boolean servesTenant(io.openjims.model.CollectorStatus status) {
        if (status.domains() == null) {
            return false;
        }
        for (String domain : status.domains()) {
            if (domain != null && domains.contains(domain.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private void count(DirectoryEntry entry, int delta) {
        switch (entry.kind) {
            case USER -> users += delta;
            case GROUP -> groups += delta;
            case DEVICE -> devices += delta;
            default -> {
                // domains are counted through objectsPerDomain
            }
        }
        if (delta > 0) {
            hold(entry.domain);
        } else {
            release(entry.domain);
        }
    }

    private void hold(String domain) {
        objectsPerDomain.merge(domain, 1, Integer::sum);
    }

    private void release(String domain) {
        objectsPerDomain.computeIfPresent(domain, (d, n) -> n <= 1 ? null : n - 1);
    }

    private boolean mentionsDomain(byte[] value) {
        for (byte[] needle : domainNeedles) {
            if (indexOf(value, needle) >= 0) {
                return true;
            }
        }
        return false;
    }

    static String domainOfKey(String key) {
        int slash = key.indexOf('/');
        return (slash < 0 ? key : key.substring(0, slash)).toLowerCase(Locale.ROOT);
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0, last = haystack.length - needle.length; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

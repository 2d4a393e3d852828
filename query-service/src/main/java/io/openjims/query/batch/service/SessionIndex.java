package io.openjims.query.batch.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.openjims.model.Device;
import io.openjims.model.kafka.JsonCodec;
import io.openjims.query.batch.config.SessionIndexConfig;
import io.openjims.query.batch.model.QueryItem;
import io.openjims.query.batch.model.SessionFeedRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The in-memory index of active sessions that answers IP and user queries of this replica. {@link SessionIndexFeed}
 * fills it from the view and keeps it current; a query gets {@code null} (read PostgreSQL instead) while the index is
 * not serving: before the first load, during a rebuild, after an overflow, or when its last read of the view is older
 * than {@code max-staleness}. Expiry is checked at read time, so an expired session is never answered, whenever the
 * expiry job runs.
 */
@ApplicationScoped
public class SessionIndex {

    /** Heap per session with its share of the tables, as SessionIndexBench measured (161 bytes at 1 M). */
    private static final long BYTES_PER_SESSION = 136;

    private final SessionIndexConfig config;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Interner interner = new Interner(100_000);
    private final Counter fromIndex;
    private final Counter fromDatabase;
    private SessionTable table = new SessionTable();
    private volatile Map<String, List<String>> aliases = Map.of();
    private volatile boolean serving;
    private volatile long lastReadNanos;
    private volatile long seq;

    public SessionIndex(SessionIndexConfig config, MeterRegistry registry) {
        this.config = config;
        this.fromIndex = Counter.builder("openjims.query.index.lookups")
                .tag("answered_by", "index")
                .description("IP and user queries answered from the session index or from PostgreSQL")
                .register(registry);
        this.fromDatabase = Counter.builder("openjims.query.index.lookups")
                .tag("answered_by", "database")
                .description("IP and user queries answered from the session index or from PostgreSQL")
                .register(registry);
        Gauge.builder("openjims.query.index.sessions", this, SessionIndex::size)
                .description("Active sessions in this replica's session index")
                .register(registry);
        Gauge.builder("openjims.query.index.bytes", this, SessionIndex::bytesEstimate)
                .description("Estimated heap bytes of the session index")
                .baseUnit("bytes")
                .register(registry);
        Gauge.builder("openjims.query.index.lag.seconds", this, SessionIndex::lagSeconds)
                .description("Age of the view snapshot the session index reflects")
                .register(registry);
        Gauge.builder("openjims.query.index.seq", this, i -> i.seq)
                .description("Change-log head at the view snapshot the session index reflects")
                .register(registry);
        Gauge.builder("openjims.query.index.serving", this, i -> i.serving() ? 1 : 0)
                .description("1 while the session index answers queries, 0 while they read PostgreSQL")
                .register(registry);
    }

    // ---- queries

    /** The live session of an address as items, or null when the index is not serving. */
    public List<QueryItem> ip(String ip, Set<String> allowed) {
        if (!serving()) {
            fromDatabase.increment();
            return null;
        }
        long now = System.currentTimeMillis();
        IndexedSession s;
        lock.readLock().lock();
        try {
            s = table.get(ip);
        } finally {
            lock.readLock().unlock();
        }
        fromIndex.increment();
        if (s == null || !s.liveAt(now) || !(allowed.isEmpty() || allowed.contains(s.domain))) {
            return List.of();
        }
        return List.of(item(s, now));
    }

    /**
     * The live sessions of a user in the domain named {@code domain} (a DNS name or an alias of one or more), ordered
     * by address, or null when the index is not serving.
     */
    public List<QueryItem> user(String domain, String userLc, Set<String> allowed) {
        if (!serving()) {
            fromDatabase.increment();
            return null;
        }
        long now = System.currentTimeMillis();
        LinkedHashSet<String> domains = new LinkedHashSet<>();
        domains.add(domain);
        domains.addAll(aliases.getOrDefault(domain, List.of()));
        List<IndexedSession> found = new ArrayList<>();
        lock.readLock().lock();
        try {
            for (String d : domains) {
                found.addAll(table.ofUser(d, userLc));
            }
        } finally {
            lock.readLock().unlock();
        }
        fromIndex.increment();
        found.sort(Comparator.comparing(IndexedSession::ip));
        List<QueryItem> items = new ArrayList<>(found.size());
        for (IndexedSession s : found) {
            if (s.liveAt(now) && (allowed.isEmpty() || allowed.contains(s.domain))) {
                items.add(item(s, now));
            }
        }
        return items;
    }

    private static QueryItem item(IndexedSession s, long now) {
        return new QueryItem(
                "logon",
                s.ip(),
                s.domain,
                s.userName,
                s.roles,
                s.posture,
                s.device,
                s.sourceKind,
                QueryItems.time(s.logonAtMillis),
                QueryItems.minutesLeft(s.expiresAtMillis, now));
    }

    public boolean serving() {
        return serving
                && System.nanoTime() - lastReadNanos <= config.maxStaleness().toNanos();
    }

    // ---- feed side (one thread: SessionIndexFeed)

    /** Stops answering and frees the entries (before a rebuild or after an overflow). */
    void clear() {
        serving = false;
        lock.writeLock().lock();
        try {
            table = new SessionTable();
            interner.clear();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Applies rows read from the view (an inactive row removes its address). */
    public void apply(List<SessionFeedRow> rows) {
        List<IndexedSession> made = new ArrayList<>(rows.size());
        for (SessionFeedRow r : rows) {
            made.add(r.active() ? toEntry(r) : null);
        }
        lock.writeLock().lock();
        try {
            for (int i = 0; i < rows.size(); i++) {
                IndexedSession s = made.get(i);
                if (s == null) {
                    table.remove(rows.get(i).ip());
                } else {
                    table.put(s);
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    void remove(String ip) {
        lock.writeLock().lock();
        try {
            table.remove(ip);
        } finally {
            lock.writeLock().unlock();
        }
    }

    void aliases(Map<String, List<String>> aliases) {
        this.aliases = Map.copyOf(aliases);
    }

    /** The index reflects the view as of a read that started at {@code readStartNanos} (change-log head {@code seq}). */
    public void caughtUp(long readStartNanos, long seq) {
        this.lastReadNanos = readStartNanos;
        this.seq = seq;
        this.serving = true;
    }

    public int size() {
        lock.readLock().lock();
        try {
            return table.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    long bytesEstimate() {
        lock.readLock().lock();
        try {
            return table.size() * BYTES_PER_SESSION + table.slots() * 6;
        } finally {
            lock.readLock().unlock();
        }
    }

    double lagSeconds() {
        return lastReadNanos == 0 ? Double.NaN : (System.nanoTime() - lastReadNanos) / 1e9;
    }

    private IndexedSession toEntry(SessionFeedRow r) {
        String[] roles = r.roles();
        return new IndexedSession(
                r.ip(),
                interner.intern(r.domain()),
                r.userName(),
                r.userLc(),
                interner.intern(roles == null || roles.length == 0 ? List.of() : List.copyOf(Arrays.asList(roles))),
                interner.intern(r.posture()),
                interner.derive(r.deviceJson(), SessionIndex::device),
                interner.intern(r.sourceKind()),
                r.logonAtMillis(),
                r.expiresAtMillis());
    }

    static QueryItem.DeviceItem device(String json) {
        Device d = JsonCodec.fromJson(json, Device.class);
        if (d.identity() == null && d.groups() == null && d.os() == null) {
            return null;
        }
        return new QueryItem.DeviceItem(d.identity(), d.groups(), d.os());
    }
}

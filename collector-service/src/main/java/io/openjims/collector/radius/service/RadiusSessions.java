package io.openjims.collector.radius.service;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sessions RADIUS opened, per address, as this replica saw them: which NAS (source address) opened it, its
 * Acct-Session-Id and user. An Accounting-On/Off ends those of its NAS; a Stop naming another session than the one
 * held for the address is stale (the user roamed: the new Start came first). In memory and bounded: beyond
 * {@code limit} addresses the least recently started or updated are forgotten (they end by their timeout only), and a
 * restart forgets all. Thread-safe.
 */
public final class RadiusSessions {

    /** A session held for an address. */
    public record Tracked(String ip, String nas, String sessionId, String user, String domain) {}

    private final int limit;
    private final LinkedHashMap<String, Tracked> byIp;

    public RadiusSessions(int limit) {
        this.limit = Math.max(1, limit);
        this.byIp = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Tracked> eldest) {
                return size() > RadiusSessions.this.limit;
            }
        };
    }

    /** A Start or Interim-Update: the address now belongs to this session (most recent last). */
    public synchronized void opened(Tracked session) {
        if (byIp.put(session.ip(), session) != null) {
            // Held before: to the end of the order, as the most recent.
            byIp.remove(session.ip());
            byIp.put(session.ip(), session);
        }
    }

    /** The session held for the address, or null. */
    public synchronized Tracked current(String ip) {
        return byIp.get(ip);
    }

    /**
     * A Stop for the address: true when it ends what is held (or nothing is held, or either side has no session id),
     * and then the address is forgotten; false when a different session holds the address (a stale Stop).
     */
    public synchronized boolean stopped(String ip, String sessionId) {
        Tracked held = byIp.get(ip);
        if (held == null) {
            return true;
        }
        if (sessionId != null && held.sessionId() != null && !held.sessionId().equals(sessionId)) {
            return false;
        }
        byIp.remove(ip);
        return true;
    }

    /** Accounting-On/Off of a NAS: removes and returns every session it opened. */
    public synchronized List<Tracked> endAllOf(String nas) {
        List<Tracked> ended = new ArrayList<>();
        for (Iterator<Tracked> it = byIp.values().iterator(); it.hasNext(); ) {
            Tracked session = it.next();
            if (session.nas().equals(nas)) {
                ended.add(session);
                it.remove();
            }
        }
        return ended;
    }

    public synchronized int size() {
        return byIp.size();
    }
}

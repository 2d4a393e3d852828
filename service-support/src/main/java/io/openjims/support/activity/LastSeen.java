package io.openjims.support.activity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * When each client (by id) was last seen, written at most once per {@link #resolution} per client: {@link #seen} is
 * a map lookup on the hot path, and a flusher takes the sightings to store with {@link #drain}. Per replica, in
 * memory; a sighting that could not be stored is handed back with {@link #retry}.
 */
public final class LastSeen {

    private static final Logger LOG = Logger.getLogger(LastSeen.class);
    private static final int MAX_TRACKED = 100_000;

    private final Duration resolution;
    private final Clock clock;
    private final Map<String, Instant> recorded = new ConcurrentHashMap<>();
    private final Map<String, Instant> pending = new ConcurrentHashMap<>();

    public LastSeen(Duration resolution, Clock clock) {
        this.resolution = resolution;
        this.clock = clock;
    }

    /** Notes that the client was seen now; returns true when this sighting is to be stored. */
    public boolean seen(String clientId) {
        if (clientId == null || clientId.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        Instant last = recorded.get(clientId);
        if (last != null && now.isBefore(last.plus(resolution))) {
            return false;
        }
        if (recorded.size() >= MAX_TRACKED) {
            recorded.clear(); // bounded memory; the worst case is one more write per client
        }
        recorded.put(clientId, now);
        pending.put(clientId, now);
        return true;
    }

    /** The sightings to store since the last drain, by client id. */
    public Map<String, Instant> drain() {
        Map<String, Instant> out = new HashMap<>();
        for (String id : pending.keySet()) {
            Instant at = pending.remove(id);
            if (at != null) {
                out.put(id, at);
            }
        }
        return out;
    }

    /** Hands back sightings that could not be stored (kept unless a newer one came meanwhile). */
    public void retry(Map<String, Instant> sightings) {
        sightings.forEach((id, at) -> pending.merge(id, at, (a, b) -> a.isAfter(b) ? a : b));
    }

    /**
     * Stores the pending sightings with {@code updateSql}, a statement of three parameters: the time, the client id,
     * the time again (e.g. {@code UPDATE t SET last_seen_at = ? WHERE id = ? AND (last_seen_at IS NULL OR last_seen_at
     * < ?)}), in one batch. On failure the sightings stay pending for the next flush. Returns how many were stored.
     */
    public int flushTo(DataSource dataSource, String updateSql) {
        Map<String, Instant> sightings = drain();
        if (sightings.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(updateSql)) {
            for (Map.Entry<String, Instant> e : sightings.entrySet()) {
                Timestamp at = Timestamp.from(e.getValue());
                ps.setTimestamp(1, at);
                ps.setString(2, e.getKey());
                ps.setTimestamp(3, at);
                ps.addBatch();
            }
            ps.executeBatch();
            return sightings.size();
        } catch (SQLException e) {
            retry(sightings);
            LOG.warnf("Could not store when %d clients were last seen (retried): %s", sightings.size(), e.getMessage());
            return 0;
        }
    }

    /** Forgets a client (deleted), so a new one of the same id is stored at once. */
    public void forget(String clientId) {
        recorded.remove(clientId);
        pending.remove(clientId);
    }
}

package io.openjims.query.view.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Transaction-scoped PostgreSQL advisory locks per domain that order the view's logons against the directory's role
 * updates. Without them a logon applied while a directory change is being written misses both ways: the logon reads
 * the roles before the directory commits, and the directory's regroup locks the active sessions before the logon
 * commits, so the session keeps stale roles. Logons take the domain's lock shared (they never wait for each other); a
 * directory batch takes it exclusive. Locks are taken in one order (sorted keys) before any session row is locked, so
 * they cannot deadlock with each other or with the row locks.
 */
@ApplicationScoped
public class DomainLockJdbcRepository {

    /** The advisory lock space of domain locks (first key of the two-key form). */
    static final int DOMAIN_LOCK_SPACE = 0x4f4a_0001;

    /** Held until the transaction ends; other logon batches of the same domains are not held back. */
    public void lockShared(Connection c, Collection<String> domains) throws SQLException {
        lock(c, domains, "SELECT pg_advisory_xact_lock_shared(?, ?)");
    }

    /** Held until the transaction ends; waits for every logon batch of these domains in flight. */
    public void lockExclusive(Connection c, Collection<String> domains) throws SQLException {
        lock(c, domains, "SELECT pg_advisory_xact_lock(?, ?)");
    }

    private static void lock(Connection c, Collection<String> domains, String sql) throws SQLException {
        TreeSet<Integer> keys = new TreeSet<>();
        for (String d : domains) {
            if (d != null) {
                keys.add(d.toLowerCase(Locale.ROOT).hashCode());
            }
        }
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int key : keys) {
                ps.setInt(1, DOMAIN_LOCK_SPACE);
                ps.setInt(2, key);
                ps.execute();
            }
        }
    }
}

package io.openjims.query.view.repository;

import io.openjims.query.view.model.ChangeRow;
import io.openjims.query.view.model.StoredChange;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The change log {@code query.change_log}: appends and prunes inside the caller's transaction.
 *
 * <p>Sequence numbers come from the single row of {@code query.change_counter}, updated in the same transaction:
 * its row lock is held until commit, so a second writer gets its numbers only after the first committed. Sequence
 * order is therefore commit order, and a reader that sees seq n+1 also sees seq n. Call it last in a transaction, just
 * before commit, to hold the lock briefly.
 */
@ApplicationScoped
public class ChangeLogJdbcRepository {

    public List<StoredChange> append(Connection c, List<ChangeRow> changes) throws SQLException {
        if (changes.isEmpty()) {
            return List.of();
        }
        long last;
        Instant changedAt;
        try (PreparedStatement ps = c.prepareStatement("UPDATE query.change_counter SET last_seq = last_seq + ?"
                + " WHERE id = 1 RETURNING last_seq, clock_timestamp() AS changed_at")) {
            ps.setLong(1, changes.size());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                last = rs.getLong(1);
                changedAt = Jdbc.instant(rs, "changed_at");
            }
        }
        long first = last - changes.size() + 1;
        Jdbc.TextColumns columns = new Jdbc.TextColumns(14, changes.size());
        List<StoredChange> stored = new ArrayList<>(changes.size());
        long seq = first;
        for (ChangeRow ch : changes) {
            columns.addRow(
                    ch.changeId(),
                    ch.operation(),
                    ch.ip(),
                    ch.domain(),
                    ch.user(),
                    Jdbc.arrayLiteral(ch.roles()),
                    ch.deviceJson(),
                    ch.posture(),
                    ch.sourceKind(),
                    ch.sourceCollector(),
                    ch.sourceName(),
                    Jdbc.isoInstant(ch.eventTime()),
                    Jdbc.isoInstant(ch.logonAt()),
                    Jdbc.isoInstant(ch.expiresAt()));
            stored.add(new StoredChange(seq++, changedAt, ch));
        }
        // One set-based statement; the n-th element gets sequence number first + n - 1.
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO query.change_log (seq, changed_at, change_id, operation, ip, domain, user_name, roles,
                    device, posture, source_kind, source_collector, source_name, event_time, logon_at, expires_at)
                SELECT ? + u.ord - 1, ?, u.change_id, u.operation, u.ip, u.domain, u.user_name, u.roles::text[],
                    u.device::jsonb, u.posture, u.source_kind, u.source_collector, u.source_name,
                    u.event_time::timestamptz, u.logon_at::timestamptz, u.expires_at::timestamptz
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY
                    AS u(change_id, operation, ip, domain, user_name, roles, device, posture, source_kind,
                    source_collector, source_name, event_time, logon_at, expires_at, ord)
                """)) {
            ps.setLong(1, first);
            Jdbc.setInstant(ps, 2, changedAt);
            columns.bind(c, ps, 3);
            ps.executeUpdate();
        }
        return stored;
    }

    /**
     * Deletes the rows changed more than {@code retention} ago that the relay has published (never one it has not,
     * whatever this replica's settings: the change log is the outbox of identity.sessions) and raises {@code
     * pruned_through} to the highest deleted sequence; returns it, 0 when none.
     */
    public long prune(Connection c, Duration retention) throws SQLException {
        long prunedThrough;
        try (PreparedStatement ps = c.prepareStatement("WITH d AS (DELETE FROM query.change_log"
                + " WHERE changed_at < now() - make_interval(secs => ?)"
                + " AND seq <= (SELECT last_seq FROM query.relay_state WHERE id = 1)"
                + " RETURNING seq) SELECT coalesce(max(seq), 0) FROM d")) {
            ps.setDouble(1, retention.toMillis() / 1000.0);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                prunedThrough = rs.getLong(1);
            }
        }
        if (prunedThrough > 0) {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE query.change_counter SET pruned_through = greatest(pruned_through, ?) WHERE id = 1")) {
                ps.setLong(1, prunedThrough);
                ps.executeUpdate();
            }
        }
        return prunedThrough;
    }
}

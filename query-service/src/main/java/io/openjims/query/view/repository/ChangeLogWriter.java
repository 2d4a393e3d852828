package io.openjims.query.view.repository;

import io.openjims.query.view.model.ChangeRow;
import io.openjims.query.view.model.StoredChange;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends to {@code query.change_log} inside the caller's transaction.
 *
 * <p>Sequence numbers come from the single row of {@code query.change_counter}, updated in the same transaction:
 * its row lock is held until commit, so a second writer gets its numbers only after the first committed. Sequence
 * order is therefore commit order, and a reader that sees seq n+1 also sees seq n. Call it last in a transaction, just
 * before commit, to hold the lock briefly.
 */
@ApplicationScoped
public class ChangeLogWriter {

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
        long seq = last - changes.size();
        List<StoredChange> stored = new ArrayList<>(changes.size());
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO query.change_log (seq, changed_at, change_id, operation, ip, domain, user_name, roles,
                    device, posture, source_kind, source_collector, source_name, event_time, logon_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?)
                """)) {
            for (ChangeRow ch : changes) {
                seq++;
                ps.setLong(1, seq);
                Jdbc.setInstant(ps, 2, changedAt);
                ps.setString(3, ch.changeId());
                ps.setString(4, ch.operation());
                ps.setString(5, ch.ip());
                ps.setString(6, ch.domain());
                ps.setString(7, ch.user());
                ps.setArray(8, ch.roles() == null ? null : Jdbc.textArray(c, ch.roles()));
                ps.setString(9, ch.deviceJson());
                ps.setString(10, ch.posture());
                ps.setString(11, ch.sourceKind());
                ps.setString(12, ch.sourceCollector());
                ps.setString(13, ch.sourceName());
                Jdbc.setInstant(ps, 14, ch.eventTime());
                Jdbc.setInstant(ps, 15, ch.logonAt());
                Jdbc.setInstant(ps, 16, ch.expiresAt());
                ps.addBatch();
                stored.add(new StoredChange(seq, changedAt, ch));
            }
            ps.executeBatch();
        }
        return stored;
    }
}

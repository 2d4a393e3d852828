package io.openjims.query.batch.repository;

import io.openjims.query.batch.model.FeedPosition;
import io.openjims.query.batch.model.SessionFeedRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * What the session index reads of {@code query.session} on its own JDBC connection: every row carries the id of the
 * transaction that last wrote it ({@code written_tx}, set by a trigger on every insert and update, so no write path
 * can bypass it), and statement triggers NOTIFY the channels below at commit (V80).
 */
@ApplicationScoped
public class SessionFeedJdbcRepository {

    /** Notified at the commit of every transaction that wrote {@code query.session}. */
    public static final String SESSION_CHANNEL = "openjims_session";

    /** Notified with the address when an active row is deleted. */
    public static final String GONE_CHANNEL = "openjims_session_gone";

    /** Notified when {@code query.domain_alias} changes. */
    public static final String ALIAS_CHANNEL = "openjims_alias";

    private static final String COLUMNS = "ip, active, domain, user_name, user_lc, roles, device::text AS device,"
            + " posture, source_kind, logon_at, expires_at";

    public void listen(Connection c) throws SQLException {
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
            st.execute("LISTEN " + SESSION_CHANNEL);
            st.execute("LISTEN " + GONE_CHANNEL);
            st.execute("LISTEN " + ALIAS_CHANNEL);
        }
    }

    /** Waits up to {@code millis} for notifications; returns them as (channel, payload) pairs, empty on timeout. */
    public List<String[]> awaitNotifications(Connection c, int millis) throws SQLException {
        PGNotification[] got = c.unwrap(PGConnection.class).getNotifications(millis);
        List<String[]> out = new ArrayList<>();
        if (got != null) {
            for (PGNotification n : got) {
                out.add(new String[] {n.getName(), n.getParameter()});
            }
        }
        return out;
    }

    /**
     * Reads, in one snapshot, the position and the rows written by transactions from {@code sinceXmin} on (all active
     * rows when {@code sinceXmin} is negative). {@code sink} returns false to stop early; then this returns null.
     */
    public FeedPosition read(Connection c, long sinceXmin, Predicate<SessionFeedRow> sink) throws SQLException {
        c.setAutoCommit(false);
        try {
            try (Statement st = c.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            FeedPosition position;
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_snapshot_xmin(pg_current_snapshot())::text,"
                            + " last_seq, epoch FROM query.change_counter WHERE id = 1");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                position = new FeedPosition(
                        Long.parseUnsignedLong(rs.getString(1)), rs.getLong(2), rs.getObject(3, java.util.UUID.class));
            }
            String sql = sinceXmin < 0
                    ? "SELECT " + COLUMNS + " FROM query.session WHERE active"
                    : "SELECT " + COLUMNS + " FROM query.session WHERE written_tx >= ?::text::xid8";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(5_000);
                if (sinceXmin >= 0) {
                    ps.setString(1, Long.toUnsignedString(sinceXmin));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (!sink.test(map(rs))) {
                            return null;
                        }
                    }
                }
            }
            return position;
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    /** Alias to the DNS domains it names. */
    public Map<String, List<String>> aliases(Connection c) throws SQLException {
        Map<String, List<String>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT alias, domain FROM query.domain_alias");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), a -> new ArrayList<>(1)).add(rs.getString(2));
            }
        }
        return out;
    }

    private static SessionFeedRow map(ResultSet rs) throws SQLException {
        Array roles = rs.getArray("roles");
        Timestamp logon = rs.getTimestamp("logon_at");
        Timestamp expires = rs.getTimestamp("expires_at");
        return new SessionFeedRow(
                rs.getString("ip"),
                rs.getBoolean("active"),
                rs.getString("domain"),
                rs.getString("user_name"),
                rs.getString("user_lc"),
                roles == null ? null : (String[]) roles.getArray(),
                rs.getString("device"),
                rs.getString("posture"),
                rs.getString("source_kind"),
                logon == null ? 0 : logon.getTime(),
                expires == null ? Long.MAX_VALUE : expires.getTime());
    }
}

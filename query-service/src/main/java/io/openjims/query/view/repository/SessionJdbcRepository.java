package io.openjims.query.view.repository;

import io.openjims.query.view.model.SessionRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes {@code query.session} inside the caller's transaction. Rows are always locked in IP order, so
 * writers that lock several rows cannot deadlock each other.
 */
@ApplicationScoped
public class SessionJdbcRepository {

    private static final String COLUMNS = "s.ip, s.active, s.domain, s.user_name, s.asserted_roles, s.roles,"
            + " s.device::text AS device, s.posture, s.source_kind, s.source_collector, s.source_name, s.logon_at,"
            + " s.state_at, s.timeout_minutes, s.expires_at, s.last_event_id, s.session_id";

    /** Locks and returns the rows of the given IPs (absent IPs have no row). */
    public Map<String, SessionRow> lockByIp(Connection c, Collection<String> ips) throws SQLException {
        Map<String, SessionRow> rows = new HashMap<>();
        if (ips.isEmpty()) {
            return rows;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM query.session s WHERE s.ip = ANY(?) ORDER BY s.ip FOR UPDATE")) {
            ps.setArray(1, Jdbc.textArray(c, ips));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SessionRow row = map(rs);
                    rows.put(row.ip(), row);
                }
            }
        }
        return rows;
    }

    /**
     * Locks the active sessions of the given users, and of every user of the given domains whose directory entry
     * has no resolved {@code groups} (their roles follow the domain's group objects).
     */
    public List<SessionRow> lockActiveOfUsers(
            Connection c, List<String> domains, List<String> usersLc, Collection<String> resolvingDomains)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT " + COLUMNS + " FROM query.session s WHERE s.active AND ("
                        + " (s.domain, s.user_lc) IN (SELECT * FROM unnest(?::text[], ?::text[]))"
                        + " OR (s.domain = ANY(?) AND NOT EXISTS (SELECT 1 FROM query.directory_object d"
                        + "   WHERE d.kind = 'user' AND d.domain = s.domain AND d.name_lc = s.user_lc AND d.groups IS NOT NULL)))"
                        + " ORDER BY s.ip FOR UPDATE OF s")) {
            ps.setArray(1, Jdbc.textArray(c, domains));
            ps.setArray(2, Jdbc.textArray(c, usersLc));
            ps.setArray(3, Jdbc.textArray(c, resolvingDomains));
            return list(ps);
        }
    }

    /** Locks up to {@code limit} active sessions whose expiry has passed, skipping rows another writer holds. */
    public List<SessionRow> lockExpired(Connection c, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM query.session s"
                + " WHERE s.active AND s.expires_at <= now() ORDER BY s.ip LIMIT ? FOR UPDATE SKIP LOCKED")) {
            ps.setInt(1, limit);
            return list(ps);
        }
    }

    /**
     * Inserts or updates the rows in one set-based statement (one array per column), in IP order. When an IP occurs
     * more than once, the last row wins.
     */
    public void upsert(Connection c, Collection<SessionRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        TreeMap<String, SessionRow> byIp = new TreeMap<>();
        for (SessionRow r : rows) {
            byIp.put(r.ip(), r);
        }
        Jdbc.TextColumns columns = new Jdbc.TextColumns(18, byIp.size());
        for (SessionRow r : byIp.values()) {
            columns.addRow(
                    r.ip(),
                    Boolean.toString(r.active()),
                    r.domain(),
                    r.user(),
                    r.userLc(),
                    Jdbc.arrayLiteral(r.assertedRoles() == null ? List.of() : r.assertedRoles()),
                    Jdbc.arrayLiteral(r.roles() == null ? List.of() : r.roles()),
                    r.deviceJson(),
                    r.posture(),
                    r.sourceKind(),
                    r.sourceCollector(),
                    r.sourceName(),
                    Jdbc.isoInstant(r.logonAt()),
                    Jdbc.isoInstant(r.stateAt()),
                    r.timeoutMinutes() == null ? null : r.timeoutMinutes().toString(),
                    Jdbc.isoInstant(r.expiresAt()),
                    r.lastEventId(),
                    r.sessionId());
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO query.session (ip, active, domain, user_name, user_lc, asserted_roles, roles, device,
                    posture, source_kind, source_collector, source_name, logon_at, state_at, timeout_minutes,
                    expires_at, last_event_id, session_id)
                SELECT u.ip, u.active::boolean, u.domain, u.user_name, u.user_lc, u.asserted_roles::text[], u.roles::text[],
                    u.device::jsonb, u.posture, u.source_kind, u.source_collector, u.source_name,
                    u.logon_at::timestamptz, u.state_at::timestamptz, u.timeout_minutes::integer, u.expires_at::timestamptz,
                    u.last_event_id, u.session_id
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[])
                    AS u(ip, active, domain, user_name, user_lc, asserted_roles, roles, device, posture, source_kind,
                    source_collector, source_name, logon_at, state_at, timeout_minutes, expires_at, last_event_id,
                    session_id)
                ON CONFLICT (ip) DO UPDATE SET active = EXCLUDED.active, domain = EXCLUDED.domain,
                    user_name = EXCLUDED.user_name, user_lc = EXCLUDED.user_lc,
                    asserted_roles = EXCLUDED.asserted_roles, roles = EXCLUDED.roles, device = EXCLUDED.device,
                    posture = EXCLUDED.posture, source_kind = EXCLUDED.source_kind,
                    source_collector = EXCLUDED.source_collector, source_name = EXCLUDED.source_name,
                    logon_at = EXCLUDED.logon_at, state_at = EXCLUDED.state_at,
                    timeout_minutes = EXCLUDED.timeout_minutes, expires_at = EXCLUDED.expires_at,
                    last_event_id = EXCLUDED.last_event_id, session_id = EXCLUDED.session_id
                """)) {
            columns.bind(c, ps, 1);
            ps.executeUpdate();
        }
    }

    private static List<SessionRow> list(PreparedStatement ps) throws SQLException {
        List<SessionRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(map(rs));
            }
        }
        return rows;
    }

    private static SessionRow map(ResultSet rs) throws SQLException {
        int timeout = rs.getInt("timeout_minutes");
        Integer timeoutMinutes = rs.wasNull() ? null : timeout;
        return new SessionRow(
                rs.getString("ip"),
                rs.getBoolean("active"),
                rs.getString("domain"),
                rs.getString("user_name"),
                Jdbc.strings(rs, "asserted_roles"),
                Jdbc.strings(rs, "roles"),
                rs.getString("device"),
                rs.getString("posture"),
                rs.getString("source_kind"),
                rs.getString("source_collector"),
                rs.getString("source_name"),
                Jdbc.instant(rs, "logon_at"),
                Jdbc.instant(rs, "state_at"),
                timeoutMinutes,
                Jdbc.instant(rs, "expires_at"),
                rs.getString("last_event_id"),
                rs.getString("session_id"));
    }

    /** Forgets addresses whose session ended more than {@code retention} ago. */
    public void deleteEndedBefore(Connection c, Duration retention) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM query.session WHERE NOT active AND state_at < now() - make_interval(secs => ?)")) {
            ps.setDouble(1, retention.toMillis() / 1000.0);
            ps.executeUpdate();
        }
    }
}

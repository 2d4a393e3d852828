package io.openjims.query.relay.repository;

import io.agroal.api.AgroalDataSource;
import io.openjims.model.Device;
import io.openjims.model.EventSource;
import io.openjims.model.SessionState;
import io.openjims.model.kafka.JsonCodec;
import io.openjims.query.view.model.ChangeRow;
import io.openjims.query.view.repository.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The relay's position in {@code query.relay_state} and the change-log rows after it, as session states. */
@ApplicationScoped
public class RelayJdbcRepository {

    /** One change-log row to publish: its sequence, key (the address) and value (null for a logoff). */
    public record Change(long seq, String ip, SessionState state) {}

    private final AgroalDataSource dataSource;

    public RelayJdbcRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The last published sequence, locked until the transaction ends. */
    public long lockLastPublished(Connection c) throws SQLException {
        try (PreparedStatement ps =
                        c.prepareStatement("SELECT last_seq FROM query.relay_state WHERE id = 1 FOR UPDATE");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Up to {@code limit} change-log rows after sequence {@code after}, in sequence order. */
    public List<Change> changesAfter(Connection c, long after, int limit) throws SQLException {
        List<Change> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT seq, change_id, operation, ip, domain, user_name, roles, device::text AS device, posture,
                    source_kind, source_collector, source_name, logon_at, expires_at
                FROM query.change_log WHERE seq > ? ORDER BY seq LIMIT ?
                """)) {
            ps.setLong(1, after);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong("seq");
                    out.add(new Change(seq, rs.getString("ip"), toState(rs, seq)));
                }
            }
        }
        return out;
    }

    public void recordPublished(Connection c, long seq) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE query.relay_state SET last_seq = ?, published_at = now() WHERE id = 1")) {
            ps.setLong(1, seq);
            ps.executeUpdate();
        }
    }

    /** The last sequence number recorded as published. */
    public long lastPublished() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT last_seq FROM query.relay_state WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static SessionState toState(ResultSet rs, long seq) throws SQLException {
        if (!ChangeRow.LOGON.equals(rs.getString("operation"))) {
            return null;
        }
        String device = rs.getString("device");
        return new SessionState(
                rs.getString("change_id"),
                SessionState.SCHEMA_VERSION,
                rs.getString("ip"),
                rs.getString("domain"),
                rs.getString("user_name"),
                Jdbc.strings(rs, "roles"),
                device == null ? null : JsonCodec.fromJson(device, Device.class),
                rs.getString("posture"),
                new EventSource(
                        rs.getString("source_collector"), rs.getString("source_kind"), rs.getString("source_name")),
                Jdbc.instant(rs, "logon_at"),
                Jdbc.instant(rs, "expires_at"),
                seq);
    }
}

package io.openjims.query.auth.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The revocation outbox as the relay (a worker thread) reads and marks it. */
@ApplicationScoped
public class RevocationJdbcRepository {

    /** Advisory lock key of the revocation relay (one replica publishes at a time, so the newest value lands last). */
    public static final long RELAY_LOCK = 0x6f6a696d73_21L;

    private final AgroalDataSource dataSource;

    public RevocationJdbcRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record Pending(String clientId, Instant notBefore, String reason) {}

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** Tries the relay lock for the open transaction of {@code c}. */
    public boolean tryRelayLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            ps.setLong(1, RELAY_LOCK);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    public List<Pending> unpublished(Connection c, int limit) throws SQLException {
        List<Pending> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT client_id, not_before, reason FROM query.token_revocation WHERE NOT published"
                        + " ORDER BY not_before LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Pending(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3)));
                }
            }
        }
        return out;
    }

    /** Marks a row published unless a newer revocation replaced it meanwhile. */
    public void markPublished(Connection c, Pending row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE query.token_revocation SET published = true WHERE client_id = ? AND not_before = ?")) {
            ps.setString(1, row.clientId());
            ps.setTimestamp(2, Timestamp.from(row.notBefore()));
            ps.executeUpdate();
        }
    }
}

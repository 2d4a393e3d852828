package io.openjims.push.delivery.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Delivery state in {@code push.tenant_delivery}, for the supervisor and the worker threads (JDBC, blocking). Every
 * write names the owning instance: when another instance took the tenant over, the write changes nothing and returns
 * false, and the worker stops.
 */
@ApplicationScoped
public class DeliveryJdbcRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, Long>> OFFSETS = new TypeReference<>() {};

    private final AgroalDataSource dataSource;

    public DeliveryJdbcRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Takes or renews the lease on every tenant that is free, expired or already ours; returns those we hold. */
    public List<UUID> claim(String owner, Duration lease) {
        return query("""
                UPDATE push.tenant_delivery SET owner = ?, lease_until = now() + make_interval(secs => ?)
                WHERE owner = ? OR owner IS NULL OR lease_until IS NULL OR lease_until < now()
                RETURNING tenant_id
                """, rs -> rs.getObject(1, UUID.class), owner, (double) lease.toMillis() / 1000.0, owner);
    }

    public void release(String owner) {
        update("UPDATE push.tenant_delivery SET owner = NULL, lease_until = NULL WHERE owner = ?", owner);
    }

    public List<TenantSettingsRow> tenants(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return query(
                """
                SELECT id, name, kind, endpoint, domains, ca_pem, client_cert_pem, client_key_enc, username,
                       password_enc, config_version, resync_generation
                FROM push.tenant WHERE id = ANY(?)
                """,
                rs -> new TenantSettingsRow(
                        rs.getObject("id", UUID.class),
                        rs.getString("name"),
                        rs.getString("kind"),
                        rs.getString("endpoint"),
                        rs.getString("domains"),
                        rs.getString("ca_pem"),
                        rs.getString("client_cert_pem"),
                        rs.getBytes("client_key_enc"),
                        rs.getString("username"),
                        rs.getBytes("password_enc"),
                        rs.getLong("config_version"),
                        rs.getLong("resync_generation")),
                (Object) ids.toArray(new UUID[0]));
    }

    public DeliveryState load(UUID tenantId) {
        List<DeliveryState> rows = query(
                """
                SELECT positions, snapshot_generation, snapshot_end, snapshot_acked, snapshot_complete,
                       pending_batch_id, pending_from, pending_to, read_up_to
                FROM push.tenant_delivery WHERE tenant_id = ?
                """,
                rs -> new DeliveryState(
                        offsets(rs.getString("positions")),
                        rs.getLong("snapshot_generation"),
                        offsets(rs.getString("snapshot_end")),
                        rs.getInt("snapshot_acked"),
                        rs.getBoolean("snapshot_complete"),
                        rs.getObject("pending_batch_id", UUID.class),
                        offsets(rs.getString("pending_from")),
                        offsets(rs.getString("pending_to")),
                        instant(rs.getTimestamp("read_up_to"))),
                tenantId);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Records that a full-state snapshot of {@code generation} reading up to {@code end} has begun. */
    public boolean startSnapshot(UUID tenantId, String owner, long generation, Map<String, Long> end) {
        return update("""
                UPDATE push.tenant_delivery SET snapshot_generation = ?, snapshot_end = ?, snapshot_acked = 0,
                    snapshot_complete = false, pending_batch_id = NULL, pending_from = NULL, pending_to = NULL,
                    snapshot_started_at = now()
                WHERE tenant_id = ? AND owner = ?
                """, generation, json(end), tenantId, owner);
    }

    /** One snapshot batch acknowledged; the last one also sets the live positions to the snapshot's end. */
    public boolean ackSnapshotBatch(
            UUID tenantId,
            String owner,
            long generation,
            int acked,
            int items,
            Map<String, Long> positionsWhenComplete,
            Instant at) {
        String positions = positionsWhenComplete == null ? null : json(positionsWhenComplete);
        return update(
                """
                UPDATE push.tenant_delivery SET snapshot_acked = ?,
                    snapshot_complete = ?,
                    positions = COALESCE(?, positions),
                    read_up_to = CASE WHEN ? THEN snapshot_started_at ELSE read_up_to END,
                    status = 'connected', last_push_at = ?,
                    delivered_items = delivered_items + ?, delivered_batches = delivered_batches + 1
                WHERE tenant_id = ? AND owner = ? AND snapshot_generation = ?
                """,
                acked,
                positions != null,
                positions,
                positions != null,
                time(at),
                (long) items,
                tenantId,
                owner,
                generation);
    }

    /** A live batch is about to be sent: remember it so a restart resends the same items with the same id. */
    public boolean savePending(
            UUID tenantId, String owner, UUID batchId, Map<String, Long> from, Map<String, Long> to) {
        return update("""
                UPDATE push.tenant_delivery SET pending_batch_id = ?, pending_from = ?, pending_to = ?
                WHERE tenant_id = ? AND owner = ?
                """, batchId, json(from), json(to), tenantId, owner);
    }

    /** The pending live batch was acknowledged: move the positions past it. */
    public boolean ackLive(
            UUID tenantId, String owner, Map<String, Long> to, int items, long lag, Instant readUpTo, Instant at) {
        return ackLiveAndSavePending(tenantId, owner, to, items, lag, readUpTo, at, null, null, null);
    }

    /**
     * The previous live batch was acknowledged ({@code positions} past it) and the next one is about to be sent: both
     * in one write, so a steady flow costs one write per batch. With a null {@code batchId} nothing is pending after it.
     */
    public boolean ackLiveAndSavePending(
            UUID tenantId,
            String owner,
            Map<String, Long> positions,
            int items,
            long lag,
            Instant readUpTo,
            Instant at,
            UUID batchId,
            Map<String, Long> from,
            Map<String, Long> to) {
        return update(
                """
                UPDATE push.tenant_delivery SET positions = ?, status = 'connected', last_push_at = ?,
                    delivered_items = delivered_items + ?, delivered_batches = delivered_batches + 1, lag = ?,
                    read_up_to = GREATEST(read_up_to, ?),
                    pending_batch_id = ?, pending_from = ?, pending_to = ?
                WHERE tenant_id = ? AND owner = ?
                """,
                json(positions),
                time(at),
                (long) items,
                lag,
                time(readUpTo),
                batchId,
                json(from),
                json(to),
                tenantId,
                owner);
    }

    public boolean recordFailure(UUID tenantId, String owner, String error, Instant at) {
        return update("""
                UPDATE push.tenant_delivery SET status = 'failing', last_error = ?, last_error_at = ?,
                    failed_attempts = failed_attempts + 1
                WHERE tenant_id = ? AND owner = ?
                """, error, time(at), tenantId, owner);
    }

    /** Progress over records that gave the tenant nothing (other domains), and the lag. */
    public boolean saveProgress(UUID tenantId, String owner, Map<String, Long> positions, long lag, Instant readUpTo) {
        return update(
                "UPDATE push.tenant_delivery SET positions = ?, lag = ?, read_up_to = GREATEST(read_up_to, ?)"
                        + " WHERE tenant_id = ? AND owner = ?",
                json(positions),
                lag,
                time(readUpTo),
                tenantId,
                owner);
    }

    /** The lag; {@code readUpTo} (null: unchanged) when the worker measured itself caught up. */
    public boolean saveLag(UUID tenantId, String owner, long lag, Instant readUpTo) {
        return update(
                "UPDATE push.tenant_delivery SET lag = ?, read_up_to = GREATEST(read_up_to, ?)"
                        + " WHERE tenant_id = ? AND owner = ?",
                lag,
                time(readUpTo),
                tenantId,
                owner);
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Runs one statement in its own transaction (auto-commit); true when it changed a row. */
    private boolean update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = prepare(c, sql, args)) {
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("push.tenant_delivery: " + e.getMessage(), e);
        }
    }

    private <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = prepare(c, sql, args);
                ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(mapper.map(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("push.tenant_delivery: " + e.getMessage(), e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object[] args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof UUID[] ids) {
                ps.setArray(i + 1, c.createArrayOf("uuid", ids));
            } else {
                ps.setObject(i + 1, args[i]);
            }
        }
        return ps;
    }

    private static OffsetDateTime time(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    static String json(Map<String, Long> offsets) {
        if (offsets == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(new TreeMap<>(offsets));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Long> offsets(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return JSON.readValue(json, OFFSETS);
        } catch (Exception e) {
            throw new IllegalStateException("Unreadable offsets in push.tenant_delivery: " + json, e);
        }
    }
}

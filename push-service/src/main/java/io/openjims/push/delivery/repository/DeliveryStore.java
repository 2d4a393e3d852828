package io.openjims.push.delivery.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
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
 * Delivery state in {@code push.tenant_delivery}, for the worker threads (blocking calls; never call on an event
 * loop). Every write names the owning instance: when another instance took the tenant over, the write changes
 * nothing and returns false, and the worker stops.
 */
@ApplicationScoped
public class DeliveryStore {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, Long>> OFFSETS = new TypeReference<>() {};

    private final Pool pool;

    public DeliveryStore(Pool pool) {
        this.pool = pool;
    }

    /** Takes or renews the lease on every tenant that is free, expired or already ours; returns those we hold. */
    public List<UUID> claim(String owner, Duration lease) {
        RowSet<Row> rows = run("""
                UPDATE push.tenant_delivery SET owner = $1, lease_until = now() + make_interval(secs => $2)
                WHERE owner = $1 OR owner IS NULL OR lease_until IS NULL OR lease_until < now()
                RETURNING tenant_id
                """, Tuple.of(owner, (double) lease.toMillis() / 1000.0));
        List<UUID> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.getUUID(0)));
        return out;
    }

    public void release(String owner) {
        run("UPDATE push.tenant_delivery SET owner = NULL, lease_until = NULL WHERE owner = $1", Tuple.of(owner));
    }

    public List<TenantSettingsRow> tenants(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        RowSet<Row> rows = run("""
                SELECT id, name, kind, endpoint, domains, ca_pem, client_cert_pem, client_key_enc, username,
                       password_enc, config_version, resync_generation
                FROM push.tenant WHERE id = ANY($1)
                """, Tuple.of(ids.toArray(new UUID[0])));
        List<TenantSettingsRow> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(new TenantSettingsRow(
                    r.getUUID("id"),
                    r.getString("name"),
                    r.getString("kind"),
                    r.getString("endpoint"),
                    r.getString("domains"),
                    r.getString("ca_pem"),
                    r.getString("client_cert_pem"),
                    bytes(r, "client_key_enc"),
                    r.getString("username"),
                    bytes(r, "password_enc"),
                    r.getLong("config_version"),
                    r.getLong("resync_generation")));
        }
        return out;
    }

    public DeliveryState load(UUID tenantId) {
        RowSet<Row> rows = run("""
                SELECT positions, snapshot_generation, snapshot_end, snapshot_acked, snapshot_complete,
                       pending_batch_id, pending_from, pending_to
                FROM push.tenant_delivery WHERE tenant_id = $1
                """, Tuple.of(tenantId));
        if (rows.size() == 0) {
            return null;
        }
        Row r = rows.iterator().next();
        return new DeliveryState(
                offsets(r.getString("positions")),
                r.getLong("snapshot_generation"),
                offsets(r.getString("snapshot_end")),
                r.getInteger("snapshot_acked"),
                r.getBoolean("snapshot_complete"),
                r.getUUID("pending_batch_id"),
                offsets(r.getString("pending_from")),
                offsets(r.getString("pending_to")));
    }

    /** Records that a full-state snapshot of {@code generation} reading up to {@code end} has begun. */
    public boolean startSnapshot(UUID tenantId, String owner, long generation, Map<String, Long> end) {
        return update("""
                UPDATE push.tenant_delivery SET snapshot_generation = $3, snapshot_end = $4, snapshot_acked = 0,
                    snapshot_complete = false, pending_batch_id = NULL, pending_from = NULL, pending_to = NULL
                WHERE tenant_id = $1 AND owner = $2
                """, Tuple.of(tenantId, owner, generation, json(end)));
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
        return update(
                """
                UPDATE push.tenant_delivery SET snapshot_acked = $4,
                    snapshot_complete = ($5::text IS NOT NULL),
                    positions = COALESCE($5, positions),
                    status = 'connected', last_push_at = $6,
                    delivered_items = delivered_items + $7, delivered_batches = delivered_batches + 1
                WHERE tenant_id = $1 AND owner = $2 AND snapshot_generation = $3
                """,
                Tuple.tuple()
                        .addValue(tenantId)
                        .addValue(owner)
                        .addValue(generation)
                        .addValue(acked)
                        .addValue(positionsWhenComplete == null ? null : json(positionsWhenComplete))
                        .addValue(time(at))
                        .addValue((long) items));
    }

    /** A live batch is about to be sent: remember it so a restart resends the same items with the same id. */
    public boolean savePending(
            UUID tenantId, String owner, UUID batchId, Map<String, Long> from, Map<String, Long> to) {
        return update("""
                UPDATE push.tenant_delivery SET pending_batch_id = $3, pending_from = $4, pending_to = $5
                WHERE tenant_id = $1 AND owner = $2
                """, Tuple.of(tenantId, owner, batchId, json(from), json(to)));
    }

    /** The pending live batch was acknowledged: move the positions past it. */
    public boolean ackLive(UUID tenantId, String owner, Map<String, Long> to, int items, long lag, Instant at) {
        return ackLiveAndSavePending(tenantId, owner, to, items, lag, at, null, null, null);
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
            Instant at,
            UUID batchId,
            Map<String, Long> from,
            Map<String, Long> to) {
        return update(
                """
                UPDATE push.tenant_delivery SET positions = $3, status = 'connected', last_push_at = $4,
                    delivered_items = delivered_items + $5, delivered_batches = delivered_batches + 1, lag = $6,
                    pending_batch_id = $7, pending_from = $8, pending_to = $9
                WHERE tenant_id = $1 AND owner = $2
                """,
                Tuple.tuple()
                        .addValue(tenantId)
                        .addValue(owner)
                        .addValue(json(positions))
                        .addValue(time(at))
                        .addValue((long) items)
                        .addValue(lag)
                        .addValue(batchId)
                        .addValue(json(from))
                        .addValue(json(to)));
    }

    public boolean recordFailure(UUID tenantId, String owner, String error, Instant at) {
        return update("""
                UPDATE push.tenant_delivery SET status = 'failing', last_error = $3, last_error_at = $4,
                    failed_attempts = failed_attempts + 1
                WHERE tenant_id = $1 AND owner = $2
                """, Tuple.of(tenantId, owner, error, time(at)));
    }

    /** Progress over records that gave the tenant nothing (other domains), and the lag. */
    public boolean saveProgress(UUID tenantId, String owner, Map<String, Long> positions, long lag) {
        return update(
                "UPDATE push.tenant_delivery SET positions = $3, lag = $4 WHERE tenant_id = $1 AND owner = $2",
                Tuple.of(tenantId, owner, json(positions), lag));
    }

    public boolean saveLag(UUID tenantId, String owner, long lag) {
        return update(
                "UPDATE push.tenant_delivery SET lag = $3 WHERE tenant_id = $1 AND owner = $2",
                Tuple.of(tenantId, owner, lag));
    }

    private boolean update(String sql, Tuple args) {
        return run(sql, args).rowCount() > 0;
    }

    private RowSet<Row> run(String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args).await().atMost(TIMEOUT);
    }

    private static byte[] bytes(Row row, String column) {
        var buffer = row.getBuffer(column);
        return buffer == null ? null : buffer.getBytes();
    }

    private static OffsetDateTime time(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
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

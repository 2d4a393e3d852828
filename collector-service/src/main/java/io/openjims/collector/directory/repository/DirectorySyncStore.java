package io.openjims.collector.directory.repository;

import io.openjims.collector.directory.sync.Publication;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The sync's own state in PostgreSQL: fingerprints of published objects and the status of each directory. Blocking
 * (it waits for the reactive client): call it from the sync worker threads only, never from the event loop.
 */
@ApplicationScoped
public class DirectorySyncStore {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final int CHUNK = 5000;

    private final Pool pool;

    public DirectorySyncStore(Pool pool) {
        this.pool = pool;
    }

    public List<DirectorySourceRow> sources() {
        List<DirectorySourceRow> rows = new ArrayList<>();
        for (Row r : pool.query("SELECT id, name, kind, url, start_tls, bind_dn, bind_password_enc, base_dn, domain,"
                        + " netbios_name, upn_suffixes, poll_interval_seconds, full_sync_interval_seconds,"
                        + " exclude_dn_patterns, ca_pem, ldap_mapping, config_version FROM collector.directory_source")
                .execute()
                .await()
                .atMost(TIMEOUT)) {
            rows.add(new DirectorySourceRow(
                    r.getUUID("id"),
                    r.getString("name"),
                    r.getString("kind"),
                    r.getString("url"),
                    r.getBoolean("start_tls"),
                    r.getString("bind_dn"),
                    r.getBuffer("bind_password_enc").getBytes(),
                    r.getString("base_dn"),
                    r.getString("domain"),
                    r.getString("netbios_name"),
                    r.getString("upn_suffixes"),
                    r.getInteger("poll_interval_seconds"),
                    r.getInteger("full_sync_interval_seconds"),
                    r.getString("exclude_dn_patterns"),
                    r.getString("ca_pem"),
                    r.getString("ldap_mapping"),
                    r.getInteger("config_version")));
        }
        return rows;
    }

    /** Record key -> fingerprint of everything published for a source. */
    public Map<String, String> fingerprints(UUID sourceId) {
        Map<String, String> result = new HashMap<>();
        for (Row r : pool.preparedQuery(
                        "SELECT record_key, fingerprint FROM collector.directory_object WHERE source_id = $1")
                .execute(Tuple.of(sourceId))
                .await()
                .atMost(TIMEOUT)) {
            result.put(r.getString(0), r.getString(1));
        }
        return result;
    }

    /** Stores what was published (upserts) and forgets tombstoned keys, in one transaction. */
    public void recordPublished(UUID sourceId, List<Publication> publications) {
        if (publications.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        List<String> fingerprints = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (Publication p : publications) {
            if (p.tombstone()) {
                deleted.add(p.key());
            } else {
                keys.add(p.key());
                kinds.add(p.kind().wireName());
                fingerprints.add(p.fingerprint());
            }
        }
        pool.withTransaction(tx -> upsertChunks(tx, sourceId, keys, kinds, fingerprints, 0)
                        .flatMap(v -> deleteKeys(tx, sourceId, deleted)))
                .await()
                .atMost(TIMEOUT);
    }

    private io.smallrye.mutiny.Uni<Void> upsertChunks(
            SqlClient tx, UUID sourceId, List<String> keys, List<String> kinds, List<String> fps, int from) {
        if (from >= keys.size()) {
            return io.smallrye.mutiny.Uni.createFrom().voidItem();
        }
        int to = Math.min(keys.size(), from + CHUNK);
        return tx.preparedQuery("INSERT INTO collector.directory_object (source_id, record_key, kind, fingerprint)"
                        + " SELECT $1, k, t, f FROM unnest($2::text[], $3::text[], $4::text[]) AS u(k, t, f)"
                        + " ON CONFLICT (source_id, record_key) DO UPDATE"
                        + " SET kind = excluded.kind, fingerprint = excluded.fingerprint")
                .execute(Tuple.of(
                        sourceId,
                        keys.subList(from, to).toArray(String[]::new),
                        kinds.subList(from, to).toArray(String[]::new),
                        fps.subList(from, to).toArray(String[]::new)))
                .flatMap(r -> upsertChunks(tx, sourceId, keys, kinds, fps, to));
    }

    private io.smallrye.mutiny.Uni<Void> deleteKeys(SqlClient tx, UUID sourceId, List<String> keys) {
        if (keys.isEmpty()) {
            return io.smallrye.mutiny.Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(
                        "DELETE FROM collector.directory_object WHERE source_id = $1 AND record_key = ANY($2::text[])")
                .execute(Tuple.of(sourceId, keys.toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** Sources that still have published objects but are no longer configured. */
    public List<UUID> orphanSources() {
        List<UUID> ids = new ArrayList<>();
        for (Row r : pool.query("SELECT DISTINCT o.source_id FROM collector.directory_object o"
                        + " WHERE NOT EXISTS (SELECT 1 FROM collector.directory_source s WHERE s.id = o.source_id)")
                .execute()
                .await()
                .atMost(TIMEOUT)) {
            ids.add(r.getUUID(0));
        }
        return ids;
    }

    public void forgetSource(UUID sourceId) {
        pool.withTransaction(tx -> tx.preparedQuery("DELETE FROM collector.directory_object WHERE source_id = $1")
                        .execute(Tuple.of(sourceId))
                        .flatMap(r -> tx.preparedQuery("DELETE FROM collector.directory_status WHERE source_id = $1")
                                .execute(Tuple.of(sourceId)))
                        .replaceWithVoid())
                .await()
                .atMost(TIMEOUT);
    }

    public void recordSuccess(
            UUID sourceId,
            int configVersion,
            Instant at,
            boolean full,
            int users,
            int groups,
            int devices,
            long durationMs,
            String highWaterMark) {
        pool.preparedQuery("INSERT INTO collector.directory_status AS s (source_id, config_version, last_attempt,"
                        + " last_successful_sync, last_full_sync, last_error, users, groups, devices, last_duration_ms,"
                        + " high_water_mark) VALUES ($1, $2, $3, $3, CASE WHEN $4 THEN $3 END, NULL, $5, $6, $7, $8, $9)"
                        + " ON CONFLICT (source_id) DO UPDATE SET config_version = $2, last_attempt = $3,"
                        + " last_successful_sync = $3, last_full_sync = COALESCE(CASE WHEN $4 THEN $3 END,"
                        + " s.last_full_sync), last_error = NULL, users = $5, groups = $6, devices = $7,"
                        + " last_duration_ms = $8, high_water_mark = $9")
                .execute(Tuple.from(List.of(
                        sourceId,
                        configVersion,
                        utc(at),
                        full,
                        users,
                        groups,
                        devices,
                        durationMs,
                        highWaterMark == null ? "" : highWaterMark)))
                .await()
                .atMost(TIMEOUT);
    }

    public void recordFailure(UUID sourceId, int configVersion, Instant at, String error, long durationMs) {
        pool.preparedQuery("INSERT INTO collector.directory_status AS s (source_id, config_version, last_attempt,"
                        + " last_error, last_duration_ms) VALUES ($1, $2, $3, $4, $5)"
                        + " ON CONFLICT (source_id) DO UPDATE SET config_version = $2, last_attempt = $3,"
                        + " last_error = $4, last_duration_ms = $5")
                .execute(Tuple.of(sourceId, configVersion, utc(at), error, durationMs))
                .await()
                .atMost(TIMEOUT);
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}

package io.openjims.collector.directory.repository;

import io.agroal.api.AgroalDataSource;
import io.openjims.collector.directory.sync.Publication;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The sync's own state in PostgreSQL: fingerprints of published objects and the status of each directory. JDBC,
 * blocking: for the sync worker threads.
 */
@ApplicationScoped
public class DirectorySyncJdbcRepository {

    private static final int CHUNK = 5000;

    private final AgroalDataSource dataSource;

    public DirectorySyncJdbcRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<DirectorySourceRow> sources() {
        List<DirectorySourceRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT id, name, kind, url, start_tls, bind_dn, bind_password_enc, base_dn, domain,"
                                + " netbios_name, upn_suffixes, poll_interval_seconds, full_sync_interval_seconds,"
                                + " exclude_dn_patterns, ca_pem, ldap_mapping, config_version"
                                + " FROM collector.directory_source");
                ResultSet r = ps.executeQuery()) {
            while (r.next()) {
                rows.add(new DirectorySourceRow(
                        r.getObject("id", UUID.class),
                        r.getString("name"),
                        r.getString("kind"),
                        r.getString("url"),
                        r.getBoolean("start_tls"),
                        r.getString("bind_dn"),
                        r.getBytes("bind_password_enc"),
                        r.getString("base_dn"),
                        r.getString("domain"),
                        r.getString("netbios_name"),
                        r.getString("upn_suffixes"),
                        r.getInt("poll_interval_seconds"),
                        r.getInt("full_sync_interval_seconds"),
                        r.getString("exclude_dn_patterns"),
                        r.getString("ca_pem"),
                        r.getString("ldap_mapping"),
                        r.getInt("config_version")));
            }
        } catch (SQLException e) {
            throw failed(e);
        }
        return rows;
    }

    /** Record key -> fingerprint of everything published for a source. */
    public Map<String, String> fingerprints(UUID sourceId) {
        Map<String, String> result = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT record_key, fingerprint FROM collector.directory_object WHERE source_id = ?")) {
            ps.setObject(1, sourceId);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    result.put(r.getString(1), r.getString(2));
                }
            }
        } catch (SQLException e) {
            throw failed(e);
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
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO collector.directory_object (source_id, record_key, kind, fingerprint)"
                            + " SELECT ?, k, t, f FROM unnest(?::text[], ?::text[], ?::text[]) AS u(k, t, f)"
                            + " ON CONFLICT (source_id, record_key) DO UPDATE"
                            + " SET kind = excluded.kind, fingerprint = excluded.fingerprint")) {
                for (int from = 0; from < keys.size(); from += CHUNK) {
                    int to = Math.min(keys.size(), from + CHUNK);
                    ps.setObject(1, sourceId);
                    ps.setArray(2, texts(c, keys.subList(from, to)));
                    ps.setArray(3, texts(c, kinds.subList(from, to)));
                    ps.setArray(4, texts(c, fingerprints.subList(from, to)));
                    ps.executeUpdate();
                }
            }
            if (!deleted.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM collector.directory_object"
                        + " WHERE source_id = ? AND record_key = ANY(?::text[])")) {
                    ps.setObject(1, sourceId);
                    ps.setArray(2, texts(c, deleted));
                    ps.executeUpdate();
                }
            }
        });
    }

    /** Sources that still have published objects but are no longer configured. */
    public List<UUID> orphanSources() {
        List<UUID> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT DISTINCT o.source_id FROM collector.directory_object o"
                                + " WHERE NOT EXISTS (SELECT 1 FROM collector.directory_source s WHERE s.id = o.source_id)");
                ResultSet r = ps.executeQuery()) {
            while (r.next()) {
                ids.add(r.getObject(1, UUID.class));
            }
        } catch (SQLException e) {
            throw failed(e);
        }
        return ids;
    }

    public void forgetSource(UUID sourceId) {
        inTransaction(c -> {
            for (String table : List.of("collector.directory_object", "collector.directory_status")) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE source_id = ?")) {
                    ps.setObject(1, sourceId);
                    ps.executeUpdate();
                }
            }
        });
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
        OffsetDateTime time = utc(at);
        update(
                "INSERT INTO collector.directory_status AS s (source_id, config_version, last_attempt,"
                        + " last_successful_sync, last_full_sync, last_error, users, groups, devices, last_duration_ms,"
                        + " high_water_mark) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (source_id) DO UPDATE SET config_version = excluded.config_version,"
                        + " last_attempt = excluded.last_attempt, last_successful_sync = excluded.last_successful_sync,"
                        + " last_full_sync = COALESCE(excluded.last_full_sync, s.last_full_sync), last_error = NULL,"
                        + " users = excluded.users, groups = excluded.groups, devices = excluded.devices,"
                        + " last_duration_ms = excluded.last_duration_ms, high_water_mark = excluded.high_water_mark",
                sourceId,
                configVersion,
                time,
                time,
                full ? time : null,
                users,
                groups,
                devices,
                durationMs,
                highWaterMark == null ? "" : highWaterMark);
    }

    public void recordFailure(UUID sourceId, int configVersion, Instant at, String error, long durationMs) {
        update(
                "INSERT INTO collector.directory_status AS s (source_id, config_version, last_attempt,"
                        + " last_error, last_duration_ms) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (source_id) DO UPDATE SET config_version = excluded.config_version,"
                        + " last_attempt = excluded.last_attempt, last_error = excluded.last_error,"
                        + " last_duration_ms = excluded.last_duration_ms",
                sourceId,
                configVersion,
                utc(at),
                error,
                durationMs);
    }

    @FunctionalInterface
    private interface Work {
        void run(Connection c) throws SQLException;
    }

    private void inTransaction(Work work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private void update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static Array texts(Connection c, List<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray());
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    /** A directory this replica holds the lease of, with the sync requests counted for it so far. */
    public record HeldLease(UUID directoryId, long syncRequests, long fullRequests) {}

    /**
     * Takes or renews the lease of each directory for {@code holder} where it is free, expired or already its own;
     * returns those it holds now. One statement for all directories.
     */
    public List<HeldLease> renewLeases(List<UUID> directories, String holder, java.time.Duration duration) {
        List<HeldLease> held = new ArrayList<>();
        if (directories.isEmpty()) {
            return held;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO collector.directory_lease AS l"
                        + " (directory_id, holder, expires_at)"
                        + " SELECT d, ?, now() + ? * interval '1 millisecond' FROM unnest(?::uuid[]) d"
                        + " WHERE EXISTS (SELECT 1 FROM collector.directory_source s WHERE s.id = d)"
                        + " ON CONFLICT (directory_id) DO UPDATE SET holder = EXCLUDED.holder,"
                        + " expires_at = EXCLUDED.expires_at"
                        + " WHERE l.holder = EXCLUDED.holder OR l.expires_at < now()"
                        + " RETURNING directory_id, sync_requests, full_requests")) {
            ps.setString(1, holder);
            ps.setLong(2, duration.toMillis());
            ps.setArray(3, c.createArrayOf("uuid", directories.toArray()));
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    held.add(new HeldLease(r.getObject(1, UUID.class), r.getLong(2), r.getLong(3)));
                }
            }
        } catch (SQLException e) {
            throw failed(e);
        }
        return held;
    }

    /** Counts sync requests made on this replica (directory id -> full?), for whichever replica holds the lease. */
    public void addSyncRequests(Map<UUID, Boolean> requests) {
        if (requests.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO collector.directory_lease AS l"
                        + " (directory_id, holder, expires_at, sync_requests, full_requests)"
                        + " SELECT ?, '', '-infinity', 1, ? WHERE EXISTS"
                        + " (SELECT 1 FROM collector.directory_source s WHERE s.id = ?)"
                        + " ON CONFLICT (directory_id) DO UPDATE SET sync_requests = l.sync_requests + 1,"
                        + " full_requests = l.full_requests + EXCLUDED.full_requests")) {
            for (Map.Entry<UUID, Boolean> request : requests.entrySet()) {
                ps.setObject(1, request.getKey());
                ps.setInt(2, request.getValue() ? 1 : 0);
                ps.setObject(3, request.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Gives up the holder's leases (a clean stop): another replica takes them over on its next tick. */
    public void releaseLeases(String holder) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE collector.directory_lease SET expires_at = '-infinity' WHERE holder = ?")) {
            ps.setString(1, holder);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static IllegalStateException failed(SQLException e) {
        return new IllegalStateException("collector directory state: " + e.getMessage(), e);
    }
}

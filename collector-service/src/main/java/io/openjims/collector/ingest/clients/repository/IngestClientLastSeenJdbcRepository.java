package io.openjims.collector.ingest.clients.repository;

import io.openjims.support.activity.LastSeen;
import jakarta.enterprise.context.ApplicationScoped;
import javax.sql.DataSource;

/** Stores ingest clients' {@code last_seen_at} (never moved back). */
@ApplicationScoped
public class IngestClientLastSeenJdbcRepository {

    private static final String UPDATE = "UPDATE collector.ingest_client SET last_seen_at = ? WHERE client_id = ?"
            + " AND (last_seen_at IS NULL OR last_seen_at < ?)";

    private final DataSource dataSource;

    public IngestClientLastSeenJdbcRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores the pending sightings; returns how many. */
    public int store(LastSeen lastSeen) {
        return lastSeen.flushTo(dataSource, UPDATE);
    }
}

package io.openjims.query.auth.repository;

import io.agroal.api.AgroalDataSource;
import io.openjims.support.activity.LastSeen;
import jakarta.enterprise.context.ApplicationScoped;

/** Stores API clients' {@code last_seen_at} (never moved back). */
@ApplicationScoped
public class ClientLastSeenJdbcRepository {

    private static final String UPDATE = "UPDATE query.api_client SET last_seen_at = ? WHERE client_id = ?"
            + " AND (last_seen_at IS NULL OR last_seen_at < ?)";

    private final AgroalDataSource dataSource;

    public ClientLastSeenJdbcRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores the pending sightings; returns how many. */
    public int store(LastSeen lastSeen) {
        return lastSeen.flushTo(dataSource, UPDATE);
    }
}

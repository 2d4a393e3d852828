package io.openjims.query.view.service;

import io.agroal.api.AgroalDataSource;
import io.openjims.query.view.config.ViewConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Prunes change-log rows older than the retention once the relay has published them, and records the highest pruned
 * sequence so that a cookie pointing before it gets 410 {@code cookie_expired}. Also forgets ended sessions older
 * than the retention.
 */
@ApplicationScoped
public class RetentionService {

    private static final Logger LOG = Logger.getLogger(RetentionService.class);

    private final AgroalDataSource dataSource;
    private final ViewConfig config;

    public RetentionService(AgroalDataSource dataSource, ViewConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    @Scheduled(
            identity = "change-log-retention",
            every = "${openjims.query.view.prune-interval}",
            delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            prune(config.retention());
        } catch (SQLException e) {
            LOG.warnf("Change-log pruning failed: %s", e.getMessage());
        }
    }

    /** Prunes rows older than {@code retention}; returns the highest pruned sequence (0 when none so far). */
    public long prune(Duration retention) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!AdvisoryLocks.tryTransactionLock(c, AdvisoryLocks.PRUNE)) {
                    c.rollback();
                    return -1;
                }
                String bound = config.relayEnabled()
                        ? " AND seq <= (SELECT last_seq FROM query.relay_state WHERE id = 1)"
                        : "";
                long prunedThrough = 0;
                try (PreparedStatement ps = c.prepareStatement("WITH d AS (DELETE FROM query.change_log"
                        + " WHERE changed_at < now() - make_interval(secs => ?)" + bound
                        + " RETURNING seq) SELECT coalesce(max(seq), 0) FROM d")) {
                    ps.setDouble(1, retention.toMillis() / 1000.0);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        prunedThrough = rs.getLong(1);
                    }
                }
                if (prunedThrough > 0) {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE query.change_counter"
                            + " SET pruned_through = greatest(pruned_through, ?) WHERE id = 1")) {
                        ps.setLong(1, prunedThrough);
                        ps.executeUpdate();
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM query.session"
                        + " WHERE NOT active AND state_at < now() - make_interval(secs => ?)")) {
                    ps.setDouble(1, retention.toMillis() / 1000.0);
                    ps.executeUpdate();
                }
                c.commit();
                return prunedThrough;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}

package io.openjims.query.view.service;

import io.agroal.api.AgroalDataSource;
import io.openjims.query.view.config.ViewConfig;
import io.openjims.query.view.repository.AdvisoryLocks;
import io.openjims.query.view.repository.ChangeLogJdbcRepository;
import io.openjims.query.view.repository.DecisionJdbcRepository;
import io.openjims.query.view.repository.SessionJdbcRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Prunes change-log rows older than the retention once the relay has published them, and records the highest pruned
 * sequence so that a cookie pointing before it gets 410 {@code cookie_expired}. Also forgets ended sessions older
 * than the retention, and the provenance of addresses beyond the retention or the bound per address.
 */
@ApplicationScoped
public class RetentionService {

    private static final Logger LOG = Logger.getLogger(RetentionService.class);

    private final AgroalDataSource dataSource;
    private final ChangeLogJdbcRepository changeLog;
    private final SessionJdbcRepository sessions;
    private final DecisionJdbcRepository decisions;
    private final ViewConfig config;

    public RetentionService(
            AgroalDataSource dataSource,
            ChangeLogJdbcRepository changeLog,
            SessionJdbcRepository sessions,
            DecisionJdbcRepository decisions,
            ViewConfig config) {
        this.dataSource = dataSource;
        this.changeLog = changeLog;
        this.sessions = sessions;
        this.decisions = decisions;
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
                long prunedThrough = changeLog.prune(c, retention);
                sessions.deleteEndedBefore(c, retention);
                decisions.prune(c, retention, config.decisionsPerAddress());
                c.commit();
                return prunedThrough;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}

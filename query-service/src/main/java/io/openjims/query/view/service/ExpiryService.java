package io.openjims.query.view.service;

import io.agroal.api.AgroalDataSource;
import io.openjims.query.view.model.ChangeRow;
import io.openjims.query.view.model.Decision;
import io.openjims.query.view.model.SessionRow;
import io.openjims.query.view.repository.AdvisoryLocks;
import io.openjims.query.view.repository.ChangeLogJdbcRepository;
import io.openjims.query.view.repository.DecisionJdbcRepository;
import io.openjims.query.view.repository.SessionJdbcRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Ends sessions whose timeout passed: each becomes a logoff change with source {@code expiry}. One replica at a time
 * runs it (advisory lock), and rows an event writer holds are skipped until the next run.
 */
@ApplicationScoped
public class ExpiryService {

    private static final Logger LOG = Logger.getLogger(ExpiryService.class);
    private static final int BATCH = 1000;

    private final AgroalDataSource dataSource;
    private final SessionJdbcRepository sessions;
    private final ChangeLogJdbcRepository changeLog;
    private final DecisionJdbcRepository decisions;

    public ExpiryService(
            AgroalDataSource dataSource,
            SessionJdbcRepository sessions,
            ChangeLogJdbcRepository changeLog,
            DecisionJdbcRepository decisions) {
        this.dataSource = dataSource;
        this.sessions = sessions;
        this.changeLog = changeLog;
        this.decisions = decisions;
    }

    @Scheduled(
            identity = "session-expiry",
            every = "${openjims.query.view.expiry-interval}",
            delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            expireDue();
        } catch (SQLException e) {
            LOG.warnf("Session expiry failed: %s", e.getMessage());
        }
    }

    /** Expires every due session; returns how many were ended by this call. */
    public int expireDue() throws SQLException {
        int total = 0;
        while (true) {
            int n;
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    if (!AdvisoryLocks.tryTransactionLock(c, AdvisoryLocks.EXPIRY)) {
                        c.rollback();
                        return total;
                    }
                    List<SessionRow> due = sessions.lockExpired(c, BATCH);
                    List<SessionRow> ended = new ArrayList<>(due.size());
                    List<ChangeRow> changes = new ArrayList<>(due.size());
                    List<Decision> decided = new ArrayList<>(due.size());
                    for (SessionRow s : due) {
                        var o = SessionRules.expire(s, "expiry-" + s.ip() + "-" + s.logonAt());
                        ended.add(o.row());
                        changes.add(o.change());
                        decided.add(Decision.server(
                                s,
                                s.expiresAt(),
                                ChangeRow.EXPIRY_SOURCE,
                                o.rule().wire(),
                                null));
                    }
                    sessions.upsert(c, ended);
                    decisions.append(c, decided);
                    changeLog.append(c, changes); // last: it holds the change counter until the commit
                    c.commit();
                    n = due.size();
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            }
            total += n;
            if (n < BATCH) {
                return total;
            }
        }
    }
}

package io.openjims.query.view.service;

import io.agroal.api.AgroalDataSource;
import io.openjims.query.view.model.ChangeRow;
import io.openjims.query.view.model.Decision;
import io.openjims.query.view.model.SessionRow;
import io.openjims.query.view.repository.ChangeLogJdbcRepository;
import io.openjims.query.view.repository.DecisionJdbcRepository;
import io.openjims.query.view.repository.SessionJdbcRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Ends a session on an admin's request, through the same writers as the view's consumers (row lock, gap-free change
 * log), so SRX devices and tenants see a logoff with source {@code admin}. Blocking: call it on a worker thread.
 */
@ApplicationScoped
public class SessionEndService {

    private final AgroalDataSource dataSource;
    private final SessionJdbcRepository sessions;
    private final ChangeLogJdbcRepository changeLog;
    private final DecisionJdbcRepository decisions;

    public SessionEndService(
            AgroalDataSource dataSource,
            SessionJdbcRepository sessions,
            ChangeLogJdbcRepository changeLog,
            DecisionJdbcRepository decisions) {
        this.dataSource = dataSource;
        this.sessions = sessions;
        this.changeLog = changeLog;
        this.decisions = decisions;
    }

    /** The session as it was before it ended, or empty when {@code ip} (canonical form) had no active session. */
    public Optional<SessionRow> end(String ip, String adminName) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                SessionRow current = sessions.lockByIp(c, List.of(ip)).get(ip);
                var outcome = SessionRules.endByAdmin(current, "admin-" + UUID.randomUUID(), adminName, Instant.now());
                if (outcome.row() == null) {
                    c.rollback();
                    return Optional.empty();
                }
                sessions.upsert(c, List.of(outcome.row()));
                changeLog.append(c, List.of(outcome.change()));
                decisions.append(
                        c,
                        List.of(Decision.server(
                                current,
                                outcome.change().eventTime(),
                                ChangeRow.ADMIN_SOURCE,
                                outcome.rule().wire(),
                                adminName == null ? "admin" : "admin " + adminName)));
                c.commit();
                return Optional.of(current);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}

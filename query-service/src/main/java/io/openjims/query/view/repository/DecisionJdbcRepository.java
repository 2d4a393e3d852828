package io.openjims.query.view.repository;

import io.openjims.query.view.model.Decision;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;

/** Writes and prunes the provenance of the view ({@code query.session_decision}) inside the caller's transaction. */
@ApplicationScoped
public class DecisionJdbcRepository {

    /** Appends the decisions in one set-based statement. */
    public void append(Connection c, Collection<Decision> decisions) throws SQLException {
        if (decisions.isEmpty()) {
            return;
        }
        Jdbc.TextColumns columns = new Jdbc.TextColumns(11, decisions.size());
        for (Decision d : decisions) {
            columns.addRow(
                    d.ip(),
                    Jdbc.isoInstant(d.eventTime()),
                    d.operation(),
                    d.domain(),
                    d.user(),
                    d.sourceKind(),
                    d.sourceCollector(),
                    d.sourceName(),
                    d.sessionId(),
                    d.rule(),
                    d.detail());
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO query.session_decision (ip, event_time, operation, domain, user_name, source_kind,
                    source_collector, source_name, session_id, rule, detail)
                SELECT u.ip, u.event_time::timestamptz, u.operation, u.domain, u.user_name, u.source_kind,
                    u.source_collector, u.source_name, u.session_id, u.rule, u.detail
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[], ?::text[], ?::text[])
                    AS u(ip, event_time, operation, domain, user_name, source_kind, source_collector, source_name,
                    session_id, rule, detail)
                """)) {
            columns.bind(c, ps, 1);
            ps.executeUpdate();
        }
    }

    /** Deletes decisions older than {@code retention} and all but the newest {@code perAddress} of each address. */
    public void prune(Connection c, Duration retention, int perAddress) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM query.session_decision WHERE decided_at < now() - make_interval(secs => ?)")) {
            ps.setDouble(1, retention.toMillis() / 1000.0);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                DELETE FROM query.session_decision d USING (
                    SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY ip ORDER BY id DESC) AS n
                                    FROM query.session_decision) ranked WHERE n > ?) old
                WHERE d.id = old.id
                """)) {
            ps.setInt(1, perAddress);
            ps.executeUpdate();
        }
    }
}

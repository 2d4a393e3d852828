package io.openjims.push.delivery.repository;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.openjims.support.deadletter.DeadLetter;
import io.openjims.support.deadletter.DeadLetterWriter;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * Writes the source records a tenant's worker skips to {@code push.dead_letter} and counts them in
 * {@code openjims.push.records.rejected{reason}} (once per tenant and record, however often the worker reads it).
 */
@ApplicationScoped
public class DeadLetterJdbcRepository {

    private final AgroalDataSource dataSource;
    private final DeadLetterWriter writer;

    public DeadLetterJdbcRepository(AgroalDataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.writer = new DeadLetterWriter(
                "push.dead_letter",
                "tenant_id",
                "openjims.push.records.rejected",
                "Source records a tenant's delivery worker skipped to push.dead_letter, by reason",
                registry);
    }

    /** Writes one skipped record; a database fault is thrown (the worker retries from its stored position). */
    public void write(UUID tenantId, DeadLetter letter) {
        try (Connection c = dataSource.getConnection()) {
            writer.count(writer.write(c, tenantId, List.of(letter)));
        } catch (SQLException e) {
            throw new IllegalStateException("Dead-letter row not written: " + e.getMessage(), e);
        }
    }
}

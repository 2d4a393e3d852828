package io.openjims.query.view.repository;

import io.micrometer.core.instrument.MeterRegistry;
import io.openjims.support.deadletter.DeadLetter;
import io.openjims.support.deadletter.DeadLetterWriter;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Writes skipped Kafka records to {@code query.dead_letter} inside the consumer's transaction, and counts them. */
@ApplicationScoped
public class DeadLetterJdbcRepository {

    private final DeadLetterWriter writer;

    public DeadLetterJdbcRepository(MeterRegistry registry) {
        this.writer = new DeadLetterWriter(
                "query.dead_letter",
                "consumer",
                "openjims.query.records.dead.lettered",
                "Kafka records a view consumer skipped to query.dead_letter, by reason",
                registry);
    }

    /** Inserts the rejected records; returns those not dead-lettered before (by an earlier attempt). */
    public List<DeadLetter> write(Connection c, String consumer, List<DeadLetter> rejected) throws SQLException {
        return writer.write(c, consumer, rejected);
    }

    /** Counts records whose dead-letter rows were committed. */
    public void counted(String consumer, List<DeadLetter> rejected) {
        writer.count(rejected, "consumer", consumer);
    }
}

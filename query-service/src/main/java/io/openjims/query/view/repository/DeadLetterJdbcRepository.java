package io.openjims.query.view.repository;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.openjims.query.view.kafka.RejectedRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Writes skipped Kafka records to {@code query.dead_letter} inside the consumer's transaction, and counts them. */
@ApplicationScoped
public class DeadLetterJdbcRepository {

    /** Longest detail kept; the record's bytes are kept whole. */
    static final int MAX_DETAIL = 1000;

    private final MeterRegistry registry;

    public DeadLetterJdbcRepository(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Inserts the rejected records (a record already dead-lettered by an earlier attempt is kept once). */
    public void write(Connection c, String consumer, List<RejectedRecord> rejected) throws SQLException {
        if (rejected.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO query.dead_letter"
                + " (consumer, topic, partition, record_offset, record_key, record_value, reason, detail)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (RejectedRecord r : rejected) {
                ps.setString(1, consumer);
                ps.setString(2, r.record().topic());
                ps.setInt(3, r.record().partition());
                ps.setLong(4, r.record().offset());
                ps.setBytes(
                        5, r.record().key() == null ? null : r.record().key().getBytes(StandardCharsets.UTF_8));
                ps.setBytes(6, r.record().value());
                ps.setString(7, printable(r.reason()));
                ps.setString(8, printable(r.detail()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Counts records whose dead-letter rows were committed. */
    public void counted(String consumer, List<RejectedRecord> rejected) {
        for (RejectedRecord r : rejected) {
            Counter.builder("openjims.query.records.dead.lettered")
                    .description("Kafka records a view consumer skipped to query.dead_letter, by reason")
                    .tag("consumer", consumer)
                    .tag("reason", r.reason())
                    .register(registry)
                    .increment();
        }
    }

    /** Text safe to store: control characters and broken surrogates become '?', at most {@link #MAX_DETAIL} chars. */
    static String printable(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(Math.min(text.length(), MAX_DETAIL));
        for (int i = 0; i < text.length() && sb.length() < MAX_DETAIL; i++) {
            char ch = text.charAt(i);
            boolean pair = Character.isHighSurrogate(ch)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                sb.append(ch).append(text.charAt(++i));
            } else if (Character.isISOControl(ch) || Character.isSurrogate(ch)) {
                sb.append('?');
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }
}

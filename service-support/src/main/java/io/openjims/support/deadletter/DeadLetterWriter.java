package io.openjims.support.deadletter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes skipped Kafka records to a dead-letter table and counts them by reason. The table has the columns
 * {@code <scope column>, topic, partition, record_offset, record_key, record_value, value_length, reason, detail} and a
 * unique key over scope, topic, partition and offset: a record dead-lettered again (a retry, a restart) is kept once
 * and counted once.
 */
public final class DeadLetterWriter {

    /** Most bytes of a record's value kept; {@code value_length} keeps the full size. */
    public static final int MAX_VALUE_BYTES = 16 * 1024;

    /** Longest detail kept. */
    public static final int MAX_DETAIL = 1000;

    private final String insert;
    private final String metric;
    private final String description;
    private final MeterRegistry registry;

    /**
     * @param table schema-qualified table name (a constant, never input)
     * @param scopeColumn the column naming who skipped the record (a consumer name, a tenant id)
     * @param metric Micrometer counter name, tagged {@code reason} and any tags given to {@link #count}
     */
    public DeadLetterWriter(
            String table, String scopeColumn, String metric, String description, MeterRegistry registry) {
        this.insert = "INSERT INTO " + table + " (" + scopeColumn
                + ", topic, partition, record_offset, record_key, record_value, value_length, reason, detail)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
        this.metric = metric;
        this.description = description;
        this.registry = registry;
    }

    /**
     * Inserts the records inside the caller's transaction; returns those not already in the table (count them once
     * the transaction committed).
     */
    public List<DeadLetter> write(Connection c, Object scope, List<DeadLetter> letters) throws SQLException {
        if (letters.isEmpty()) {
            return List.of();
        }
        int[] counts;
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            for (DeadLetter d : letters) {
                ps.setObject(1, scope);
                ps.setString(2, d.topic());
                ps.setInt(3, d.partition());
                ps.setLong(4, d.offset());
                ps.setBytes(5, d.key() == null ? null : d.key().getBytes(StandardCharsets.UTF_8));
                ps.setBytes(6, bounded(d.value()));
                if (d.value() == null) {
                    ps.setNull(7, Types.INTEGER);
                } else {
                    ps.setInt(7, d.value().length);
                }
                ps.setString(8, printable(d.reason()));
                ps.setString(9, printable(d.detail()));
                ps.addBatch();
            }
            counts = ps.executeBatch();
        }
        List<DeadLetter> added = new ArrayList<>();
        for (int i = 0; i < letters.size(); i++) {
            // SUCCESS_NO_INFO (-2) when the driver cannot tell: counted.
            if (i >= counts.length || counts[i] != 0) {
                added.add(letters.get(i));
            }
        }
        return added;
    }

    /** Counts records whose rows were committed; {@code tags} are extra name/value pairs. */
    public void count(List<DeadLetter> letters, String... tags) {
        for (DeadLetter d : letters) {
            Counter.builder(metric)
                    .description(description)
                    .tags(tags)
                    .tag("reason", d.reason())
                    .register(registry)
                    .increment();
        }
    }

    /** The first {@link #MAX_VALUE_BYTES} bytes of a value (null stays null). */
    public static byte[] bounded(byte[] value) {
        if (value == null || value.length <= MAX_VALUE_BYTES) {
            return value;
        }
        return Arrays.copyOf(value, MAX_VALUE_BYTES);
    }

    /** Text safe to store: control characters and broken surrogates become '?', at most {@link #MAX_DETAIL} chars. */
    public static String printable(String text) {
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

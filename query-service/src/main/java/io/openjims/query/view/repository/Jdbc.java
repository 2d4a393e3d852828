package io.openjims.query.view.repository;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** Small JDBC helpers shared by the view's repositories. */
public final class Jdbc {

    private Jdbc() {}

    /** A {@code text[]} (elements may be null; a null collection gives an empty array). */
    public static Array textArray(Connection c, Collection<String> values) throws SQLException {
        return c.createArrayOf("text", values == null ? new String[0] : values.toArray(String[]::new));
    }

    /**
     * Column-wise values of a set-based statement ({@code INSERT ... SELECT ... FROM unnest(?::text[], ...)}): rows are
     * added one at a time, each column is bound as one {@code text[]} and cast in SQL.
     */
    public static final class TextColumns {
        private final List<List<String>> columns = new ArrayList<>();

        public TextColumns(int columnCount, int rows) {
            for (int i = 0; i < columnCount; i++) {
                columns.add(new ArrayList<>(rows));
            }
        }

        public void addRow(String... values) {
            if (values.length != columns.size()) {
                throw new IllegalArgumentException(values.length + " values for " + columns.size() + " columns");
            }
            for (int i = 0; i < values.length; i++) {
                columns.get(i).add(values[i]);
            }
        }

        /** Binds the columns from parameter {@code first} on; returns the next free parameter index. */
        public int bind(Connection c, PreparedStatement ps, int first) throws SQLException {
            int i = first;
            for (List<String> column : columns) {
                ps.setArray(i++, textArray(c, column));
            }
            return i;
        }
    }

    /** Instants as ISO-8601 text (cast to {@code timestamptz[]} in SQL); null stays null. */
    public static String isoInstant(Instant value) {
        return value == null ? null : value.toString();
    }

    /**
     * A PostgreSQL array literal ({@code {"a","b"}}) for one row's {@code text[]} value inside a set-based statement
     * (cast with {@code ::text[]}); null stays null.
     */
    public static String arrayLiteral(Collection<String> values) {
        if (values == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(2 + values.size() * 16).append('{');
        boolean first = true;
        for (String v : values) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            if (v == null) {
                sb.append("NULL");
                continue;
            }
            sb.append('"');
            for (int i = 0; i < v.length(); i++) {
                char ch = v.charAt(i);
                if (ch == '"' || ch == '\\') {
                    sb.append('\\');
                }
                sb.append(ch);
            }
            sb.append('"');
        }
        return sb.append('}').toString();
    }

    public static List<String> strings(ResultSet rs, String column) throws SQLException {
        Array a = rs.getArray(column);
        if (a == null) {
            return null;
        }
        return Arrays.asList((String[]) a.getArray());
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    public static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setTimestamp(index, Timestamp.from(value));
        }
    }

    public static void setInteger(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    /** True for errors worth retrying the whole transaction: deadlock or serialization failure. */
    public static boolean isRetryable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && ("40P01".equals(s.getSQLState()) || "40001".equals(s.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}

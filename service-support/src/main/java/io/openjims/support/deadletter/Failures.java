package io.openjims.support.deadletter;

import java.sql.SQLException;

/**
 * Tells a transient fault (the database or the network away, a lock or serialization conflict: retry the same records)
 * from a permanent one (this record can never be applied: skip it to the dead-letter table). Pure logic.
 */
public final class Failures {

    private Failures() {}

    /**
     * True when retrying the same records may succeed. SQL states: 08 connection, 40 rollback (deadlock,
     * serialization), 53 insufficient resources (disk full, out of memory), 55P03 lock not available, 57 operator
     * intervention (shutdown, cancel), 58 system error (I/O), XX internal; also 42, 0A, 3D and 3F (the schema itself is
     * wrong: no single record causes that) and an SQL error without a state (a pool timeout). Data errors (22),
     * constraint violations (23), limits (54) and every runtime exception of the handler are permanent.
     */
    public static boolean isTransient(Throwable failure) {
        SQLException sql = sqlCause(failure);
        if (sql == null) {
            return !(failure instanceof RuntimeException);
        }
        String state = sql.getSQLState();
        if (state == null || state.length() < 2) {
            return true;
        }
        return switch (state.substring(0, 2)) {
            case "08", "40", "53", "57", "58", "XX", "42", "0A", "3D", "3F" -> true;
            case "55" -> "55P03".equals(state);
            default -> false;
        };
    }

    /** A short, stable reason for a permanent failure: {@code sql_<state>} or the exception's simple name. */
    public static String reason(Throwable failure) {
        SQLException sql = sqlCause(failure);
        if (sql != null && sql.getSQLState() != null) {
            return "sql_" + sql.getSQLState();
        }
        return failure.getClass().getSimpleName();
    }

    private static SQLException sqlCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return s;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}

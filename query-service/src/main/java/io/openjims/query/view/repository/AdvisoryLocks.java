package io.openjims.query.view.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Transaction-scoped PostgreSQL advisory locks that make a job run on one replica at a time. */
public final class AdvisoryLocks {

    public static final long RELAY = 0x6f6a696d73_01L;
    public static final long EXPIRY = 0x6f6a696d73_02L;
    public static final long PRUNE = 0x6f6a696d73_03L;

    private AdvisoryLocks() {}

    /** Tries the lock for the rest of the open transaction; false when another replica holds it. */
    public static boolean tryTransactionLock(Connection c, long key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}

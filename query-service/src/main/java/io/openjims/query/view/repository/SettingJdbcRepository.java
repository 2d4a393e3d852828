package io.openjims.query.view.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads runtime settings ({@code query.setting}) inside a writer's transaction. */
@ApplicationScoped
public class SettingJdbcRepository {

    public static final String SESSION_TIMEOUT = "session_timeout_minutes";

    /** The stored session timeout in minutes, or {@code fallback} when none is stored. */
    public int sessionTimeoutMinutes(Connection c, int fallback) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM query.setting WHERE name = ?")) {
            ps.setString(1, SESSION_TIMEOUT);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    try {
                        return Integer.parseInt(rs.getString(1));
                    } catch (NumberFormatException e) {
                        return fallback;
                    }
                }
                return fallback;
            }
        }
    }
}

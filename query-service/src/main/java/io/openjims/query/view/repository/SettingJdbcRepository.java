package io.openjims.query.view.repository;

import io.openjims.model.kafka.JsonCodec;
import io.openjims.query.view.model.TimeoutSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads runtime settings ({@code query.setting}) inside a writer's transaction. */
@ApplicationScoped
public class SettingJdbcRepository {

    public static final String SESSION_TIMEOUT = "session_timeout_minutes";

    /** Per source kind default timeouts: a JSON object of kind to minutes. */
    public static final String SOURCE_TIMEOUTS = "source_timeout_minutes";

    private static final String DEFAULT_OF_ROW = "coalesce(CAST(CAST(CAST(:bySource AS text) AS jsonb) ->> source_kind"
            + " AS integer), CAST(:minutes AS integer))";

    /**
     * Moves the expiry of active sessions without a timeout of their own to their logon time plus the default of
     * their source kind ({@code :bySource}, a JSON object, else {@code :minutes}); no expiry when that is 0. Written
     * once for the settings API and the configuration import, each binding its own placeholders.
     */
    public static final String MOVE_EXPIRIES = "UPDATE query.session SET expires_at = CASE WHEN " + DEFAULT_OF_ROW
            + " = 0 THEN NULL ELSE logon_at + make_interval(mins => " + DEFAULT_OF_ROW + ")"
            + " END WHERE active AND timeout_minutes IS NULL";

    /** The stored default timeouts; {@code fallback} minutes when none is stored. */
    public TimeoutSettings timeouts(Connection c, int fallback) throws SQLException {
        int minutes = fallback;
        Map<String, Integer> bySource = Map.of();
        try (PreparedStatement ps = c.prepareStatement("SELECT name, value FROM query.setting WHERE name = ANY(?)")) {
            ps.setArray(1, Jdbc.textArray(c, List.of(SESSION_TIMEOUT, SOURCE_TIMEOUTS)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String value = rs.getString(2);
                    if (SESSION_TIMEOUT.equals(rs.getString(1))) {
                        try {
                            minutes = Integer.parseInt(value);
                        } catch (NumberFormatException e) {
                            minutes = fallback;
                        }
                    } else {
                        bySource = sourceTimeouts(value);
                    }
                }
            }
        }
        return new TimeoutSettings(minutes, bySource);
    }

    /** The stored JSON object of per source kind timeouts; unreadable: none. */
    public static Map<String, Integer> sourceTimeouts(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, Integer> out = new HashMap<>();
            JsonCodec.mapper().readTree(json).properties().forEach(e -> {
                if (e.getValue().canConvertToInt()) {
                    out.put(e.getKey(), e.getValue().asInt());
                }
            });
            return out;
        } catch (Exception e) {
            return Map.of();
        }
    }
}

package io.openjims.query.admin.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * Runtime settings of the view.
 *
 * @param sessionTimeoutMinutes default timeout: 0 (never expire) or 10..1440
 * @param sourceTimeoutMinutes default timeouts of single source kinds (same range), overriding the first
 */
public record SettingsBody(
        @JsonProperty("session_timeout_minutes") Integer sessionTimeoutMinutes,
        @JsonProperty("source_timeout_minutes") Map<String, Integer> sourceTimeoutMinutes) {

    public SettingsBody(Integer sessionTimeoutMinutes) {
        this(sessionTimeoutMinutes, Map.of());
    }
}

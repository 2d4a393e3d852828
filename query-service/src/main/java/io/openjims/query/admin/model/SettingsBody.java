package io.openjims.query.admin.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Runtime settings of the view. */
public record SettingsBody(
        @JsonProperty("session_timeout_minutes") Integer sessionTimeoutMinutes) {}

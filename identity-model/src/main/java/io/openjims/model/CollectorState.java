package io.openjims.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A collector's health as others see it. */
public enum CollectorState {
    RUNNING,
    /** Kafka or one of its sources fails; the rest keeps working. */
    DEGRADED,
    STOPPED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static CollectorState fromWireName(String value) {
        return value == null ? null : CollectorState.valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}

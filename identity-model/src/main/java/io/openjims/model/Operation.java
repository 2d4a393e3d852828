package io.openjims.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What an identity event reports: a user logged on at an address, or logged off from it. */
public enum Operation {
    LOGON,
    LOGOFF;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Operation fromWireName(String value) {
        return value == null ? null : Operation.valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}

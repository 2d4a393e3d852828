package io.openjims.collector.syslog.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a rule's condition is tested against a message: contains the text, or a regex found in it. */
public enum ConditionType {
    SUBSTRING,
    REGEX;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ConditionType fromWireName(String value) {
        return value == null ? null : ConditionType.valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}

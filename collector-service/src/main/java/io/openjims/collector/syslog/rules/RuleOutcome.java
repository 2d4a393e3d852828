package io.openjims.collector.syslog.rules;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What the rules made of one message. */
public enum RuleOutcome {
    /** A rule produced an event. */
    MATCHED,
    /** A rule took the message but it reports nothing to keep (machine account, excluded logon type, ...). */
    IGNORED,
    /** A rule took the message but a value is unusable (no user, invalid IP, ...). */
    REJECTED,
    /** No rule took the message. */
    UNMATCHED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package io.openjims.collector.syslog.rules;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Reads the time a log line states: RFC 3339 / ISO 8601 with offset, {@code yyyy-MM-dd HH:mm:ss[.fff][ ]+hh[:mm]}
 * (Cisco ISE, ClearPass) and epoch seconds or milliseconds. A time without zone (Windows local times, BSD syslog
 * headers) is not trusted and gives null, like unreadable text: the caller then uses the receive time.
 */
public final class Timestamps {

    private static final DateTimeFormatter SPACED = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd[ ]['T']HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd()
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, false)
            .optionalEnd()
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .appendOffset("+HH:mm", "Z")
            .toFormatter(Locale.ROOT);

    private Timestamps() {}

    public static Instant parse(String value) {
        if (value == null) {
            return null;
        }
        String text = value.trim().replace(',', '.');
        if (text.isEmpty()) {
            return null;
        }
        if (text.chars().allMatch(Character::isDigit) && text.length() >= 9 && text.length() <= 13) {
            long number = Long.parseLong(text);
            return text.length() >= 12 ? Instant.ofEpochMilli(number) : Instant.ofEpochSecond(number);
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException ignored) {
            // try the next form
        }
        try {
            var parsed = SPACED.parse(text);
            return LocalDateTime.from(parsed).toInstant(ZoneOffset.from(parsed));
        } catch (DateTimeException ignored) {
            return null;
        }
    }
}

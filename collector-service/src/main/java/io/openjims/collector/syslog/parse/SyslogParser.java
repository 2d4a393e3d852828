package io.openjims.collector.syslog.parse;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reads the RFC 5424 or RFC 3164 header of a syslog line. Never throws: a line that is neither comes back as
 * {@link SyslogFormat#RAW} with the whole line as message. RFC 3164 times carry no year or zone; they are read as UTC
 * in the current year (last year when that would be more than a day in the future).
 */
public final class SyslogParser {

    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };

    private final Clock clock;

    public SyslogParser() {
        this(Clock.systemUTC());
    }

    public SyslogParser(Clock clock) {
        this.clock = clock;
    }

    public SyslogMessage parse(String line) {
        String text = stripTrailing(line);
        int priority = -1;
        int pos = 0;
        if (text.length() > 2 && text.charAt(0) == '<') {
            int close = text.indexOf('>', 1);
            if (close > 1 && close <= 4 && allDigits(text, 1, close)) {
                int value = Integer.parseInt(text, 1, close, 10);
                if (value <= 191) {
                    priority = value;
                    pos = close + 1;
                }
            }
        }
        if (priority < 0) {
            return raw(text);
        }
        SyslogMessage rfc5424 = parse5424(text, priority, pos);
        if (rfc5424 != null) {
            return rfc5424;
        }
        SyslogMessage rfc3164 = parse3164(text, priority, pos);
        return rfc3164 != null ? rfc3164 : raw(text);
    }

    private static SyslogMessage raw(String text) {
        return new SyslogMessage(SyslogFormat.RAW, -1, null, null, null, text, text);
    }

    /** {@code 1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA [MSG]}. */
    private static SyslogMessage parse5424(String text, int priority, int pos) {
        if (!text.startsWith("1 ", pos)) {
            return null;
        }
        int[] cursor = {pos + 2};
        String timestamp = token(text, cursor);
        String hostname = token(text, cursor);
        String appName = token(text, cursor);
        String procId = token(text, cursor);
        String msgId = token(text, cursor);
        if (timestamp == null || hostname == null || appName == null || procId == null || msgId == null) {
            return null;
        }
        Instant time = null;
        if (!"-".equals(timestamp)) {
            try {
                time = rfc3339(timestamp);
            } catch (DateTimeException e) {
                return null;
            }
        }
        int sdEnd = skipStructuredData(text, cursor[0]);
        if (sdEnd < 0) {
            return null;
        }
        String message = sdEnd < text.length() ? text.substring(Math.min(sdEnd + 1, text.length())) : "";
        if (message.startsWith("\uFEFF")) {
            message = message.substring(1);
        }
        return new SyslogMessage(SyslogFormat.RFC5424, priority, time, nil(hostname), nil(appName), message, text);
    }

    /** {@code Mmm dd hh:mm:ss HOSTNAME TAG[pid]: MSG}; also accepts an RFC 3339 time in place of the BSD one. */
    private SyslogMessage parse3164(String text, int priority, int pos) {
        Instant time;
        int after;
        if (text.length() >= pos + 15 && monthIndex(text, pos) >= 0 && text.charAt(pos + 3) == ' ') {
            time = bsdTime(text, pos);
            if (time == null) {
                return null;
            }
            after = pos + 15;
        } else {
            int space = text.indexOf(' ', pos);
            if (space < 0) {
                return null;
            }
            try {
                time = rfc3339(text.substring(pos, space));
            } catch (DateTimeException e) {
                return null;
            }
            after = space;
        }
        if (after >= text.length() || text.charAt(after) != ' ') {
            return after >= text.length()
                    ? new SyslogMessage(SyslogFormat.RFC3164, priority, time, null, null, "", text)
                    : null;
        }
        int[] cursor = {after + 1};
        String hostname = token(text, cursor);
        if (hostname == null) {
            return new SyslogMessage(SyslogFormat.RFC3164, priority, time, null, null, "", text);
        }
        String rest = cursor[0] < text.length() ? text.substring(cursor[0]) : "";
        String tag = null;
        int tagEnd = 0;
        while (tagEnd < rest.length() && tagEnd < 48 && isTagChar(rest.charAt(tagEnd))) {
            tagEnd++;
        }
        if (tagEnd > 0 && tagEnd < rest.length() && (rest.charAt(tagEnd) == ':' || rest.charAt(tagEnd) == '[')) {
            tag = rest.substring(0, tagEnd);
        }
        return new SyslogMessage(SyslogFormat.RFC3164, priority, time, hostname, tag, rest, text);
    }

    private Instant bsdTime(String text, int pos) {
        int month = monthIndex(text, pos) + 1;
        String day = text.substring(pos + 4, pos + 6).trim();
        String clockPart = text.substring(pos + 7, pos + 15);
        if (!allDigits(day, 0, day.length())
                || day.isEmpty()
                || clockPart.charAt(2) != ':'
                || clockPart.charAt(5) != ':') {
            return null;
        }
        try {
            LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
            LocalDateTime time = LocalDateTime.of(
                    now.getYear(),
                    month,
                    Integer.parseInt(day),
                    Integer.parseInt(clockPart, 0, 2, 10),
                    Integer.parseInt(clockPart, 3, 5, 10),
                    Integer.parseInt(clockPart, 6, 8, 10));
            if (time.isAfter(now.plusDays(1))) {
                time = time.minusYears(1);
            }
            return time.toInstant(ZoneOffset.UTC);
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static int monthIndex(String text, int pos) {
        if (text.length() < pos + 3) {
            return -1;
        }
        for (int i = 0; i < MONTHS.length; i++) {
            if (text.startsWith(MONTHS[i], pos)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isTagChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '/';
    }

    /** Next space-delimited token starting at cursor[0]; advances the cursor past the following space. */
    private static String token(String text, int[] cursor) {
        int start = cursor[0];
        if (start >= text.length()) {
            return null;
        }
        int end = text.indexOf(' ', start);
        if (end < 0) {
            end = text.length();
        }
        if (end == start) {
            return null;
        }
        cursor[0] = Math.min(end + 1, text.length());
        return text.substring(start, end);
    }

    /** Returns the index just past the structured data (a space or the end follows), or -1 when malformed. */
    private static int skipStructuredData(String text, int pos) {
        if (pos >= text.length()) {
            return -1;
        }
        if (text.charAt(pos) == '-') {
            return pos + 1;
        }
        int i = pos;
        while (i < text.length() && text.charAt(i) == '[') {
            i++;
            boolean inQuotes = false;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (inQuotes) {
                    if (c == '\\') {
                        i++;
                    } else if (c == '"') {
                        inQuotes = false;
                    }
                } else if (c == '"') {
                    inQuotes = true;
                } else if (c == ']') {
                    break;
                }
                i++;
            }
            if (i >= text.length()) {
                return -1;
            }
            i++;
        }
        return i == pos ? -1 : i;
    }

    /**
     * An RFC 3339 time as {@link OffsetDateTime#parse} reads it; the common form {@code yyyy-MM-ddTHH:mm:ss[.f](Z|±hh:mm)}
     * is read directly (several times faster), anything else by {@code OffsetDateTime.parse}.
     *
     * @throws DateTimeException when it is not a valid time
     */
    static Instant rfc3339(String text) {
        Instant fast = rfc3339Fast(text);
        return fast != null ? fast : OffsetDateTime.parse(text).toInstant();
    }

    /** The common form, or null when the text is anything else (including invalid). */
    private static Instant rfc3339Fast(String text) {
        int length = text.length();
        if (length < 20
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || (text.charAt(10) != 'T' && text.charAt(10) != 't')
                || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 7);
        int day = number(text, 8, 10);
        int hour = number(text, 11, 13);
        int minute = number(text, 14, 16);
        int second = number(text, 17, 19);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        int pos = 19;
        int nano = 0;
        if (text.charAt(pos) == '.') {
            int start = ++pos;
            while (pos < length && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                pos++;
            }
            int digits = pos - start;
            if (digits == 0 || digits > 9) {
                return null;
            }
            nano = number(text, start, pos);
            for (int i = digits; i < 9; i++) {
                nano *= 10;
            }
        }
        int offsetSeconds;
        if (pos == length - 1 && (text.charAt(pos) == 'Z' || text.charAt(pos) == 'z')) {
            offsetSeconds = 0;
        } else if (pos == length - 6
                && (text.charAt(pos) == '+' || text.charAt(pos) == '-')
                && text.charAt(pos + 3) == ':') {
            int hours = number(text, pos + 1, pos + 3);
            int minutes = number(text, pos + 4, pos + 6);
            if (hours < 0 || minutes < 0 || hours > 18 || minutes > 59) {
                return null;
            }
            offsetSeconds = (hours * 3600 + minutes * 60) * (text.charAt(pos) == '-' ? -1 : 1);
        } else {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nano)
                    .toInstant(offsetSeconds == 0 ? ZoneOffset.UTC : ZoneOffset.ofTotalSeconds(offsetSeconds));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal number in text[from, to), or -1 when a character is no digit. */
    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static String nil(String value) {
        return "-".equals(value) ? null : value;
    }

    private static boolean allDigits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String stripTrailing(String line) {
        int end = line.length();
        while (end > 0) {
            char c = line.charAt(end - 1);
            if (c == '\n' || c == '\r' || c == '\0') {
                end--;
            } else {
                break;
            }
        }
        return end == line.length() ? line : line.substring(0, end);
    }
}

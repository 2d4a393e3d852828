package io.openjims.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The one rule for text and times every producer and consumer applies to identity records, so a record one service
 * accepted is never refused by the next (a poison pill). Pure functions; a problem is a short stable reason, usable as a
 * metric tag.
 */
public final class IdentityText {

    /** User, domain, role, device and other names. */
    public static final int MAX_NAME = 256;
    /** Distinguished names and display names. */
    public static final int MAX_LONG_TEXT = 2048;
    /** Roles of an event, groups of a user or device. */
    public static final int MAX_LIST = 10_000;
    /** Events and directory objects dated before this are out of range. */
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    /** ... or after this (what every store and every ISO-8601 reader takes). */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    public static final String CONTROL_CHARACTER = "control_character";
    public static final String INVALID_UNICODE = "invalid_unicode";
    public static final String TOO_LONG = "too_long";
    public static final String TOO_MANY = "too_many_values";
    public static final String TIME_OUT_OF_RANGE = "time_out_of_range";
    public static final String TIME_IN_FUTURE = "time_in_future";

    private IdentityText() {}

    /**
     * Why {@code value} is not acceptable text, or null when it is (null is acceptable: required fields are checked
     * elsewhere). Refused: control characters (C0, DEL, C1, line and paragraph separators), unpaired surrogates,
     * non-characters and the replacement character U+FFFD (what a decoder makes of invalid UTF-8), and more than
     * {@code maxLength} chars.
     */
    public static String problem(String value, int maxLength) {
        if (value == null) {
            return null;
        }
        if (value.length() > maxLength) {
            return TOO_LONG;
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch >= 0x20 && ch < 0x7F) {
                continue;
            }
            if (ch < 0x20 || (ch >= 0x7F && ch <= 0x9F) || ch == 0x2028 || ch == 0x2029) {
                return CONTROL_CHARACTER;
            }
            if (Character.isHighSurrogate(ch)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return INVALID_UNICODE;
            }
            if (Character.isLowSurrogate(ch) || ch == 0xFFFD || ch == 0xFFFE || ch == 0xFFFF) {
                return INVALID_UNICODE;
            }
        }
        return null;
    }

    /** The first problem of any element (or of the list's size), or null. */
    public static String problem(List<String> values, int maxLength) {
        if (values == null) {
            return null;
        }
        if (values.size() > MAX_LIST) {
            return TOO_MANY;
        }
        for (String v : values) {
            String p = problem(v, maxLength);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    /** Why {@code at} is out of the range every store accepts, or null. */
    public static String timeProblem(Instant at) {
        return at != null && (at.isBefore(EARLIEST) || at.isAfter(LATEST)) ? TIME_OUT_OF_RANGE : null;
    }

    /** A problem of one named field: {@code field: reason}. */
    public record Problem(String field, String reason) {
        @Override
        public String toString() {
            return field + ": " + reason;
        }
    }

    /** The first problem of an event's text and times, or null. The IP address is checked by its own parser. */
    public static Problem problem(IdentityEvent e) {
        Problem p = first("user", problem(e.user(), MAX_NAME));
        p = p != null ? p : first("domain", problem(e.domain(), MAX_NAME));
        p = p != null ? p : first("ip", problem(e.ip(), MAX_NAME));
        p = p != null ? p : first("roles", problem(e.roles(), MAX_NAME));
        p = p != null ? p : first("posture", problem(e.posture(), MAX_NAME));
        if (p == null && e.device() != null) {
            Device d = e.device();
            p = first("device.identity", problem(d.identity(), MAX_NAME));
            p = p != null ? p : first("device.groups", problem(d.groups(), MAX_NAME));
            p = p != null ? p : first("device.os", problem(d.os(), MAX_NAME));
            p = p != null ? p : first("device.category", problem(d.category(), MAX_NAME));
        }
        if (p == null && e.source() != null) {
            EventSource s = e.source();
            p = first("source.collector_id", problem(s.collectorId(), MAX_NAME));
            p = p != null ? p : first("source.producer_kind", problem(s.producerKind(), MAX_NAME));
            p = p != null ? p : first("source.producer_name", problem(s.producerName(), MAX_LONG_TEXT));
            p = p != null ? p : first("source.site", problem(s.site(), MAX_NAME));
            p = p != null ? p : first("source.site", problem(s.site(), MAX_NAME));
        }
        p = p != null ? p : first("id", problem(e.id(), MAX_NAME));
        p = p != null ? p : first("session_id", problem(e.sessionId(), MAX_NAME));
        p = p != null ? p : first("occurred_at", timeProblem(e.occurredAt()));
        return p != null ? p : first("received_at", timeProblem(e.receivedAt()));
    }

    /** The first problem of a directory object's text and times, or null. */
    public static Problem problem(DirectoryObject o) {
        Problem p = first("domain", problem(o.domain(), MAX_NAME));
        p = p != null ? p : first("guid", problem(o.guid(), MAX_NAME));
        p = p != null ? p : first("dn", problem(o.dn(), MAX_LONG_TEXT));
        p = p != null ? p : first("name", problem(o.name(), MAX_NAME));
        p = p != null ? p : first("upn", problem(o.upn(), MAX_NAME));
        p = p != null ? p : first("display_name", problem(o.displayName(), MAX_LONG_TEXT));
        p = p != null ? p : first("member_of", problem(o.memberOf(), MAX_LONG_TEXT));
        p = p != null ? p : first("groups", problem(o.groups(), MAX_NAME));
        p = p != null ? p : first("aliases", problem(o.aliases(), MAX_NAME));
        p = p != null ? p : first("os", problem(o.os(), MAX_NAME));
        p = p != null ? p : first("change_marker", problem(o.changeMarker(), MAX_NAME));
        p = p != null ? p : first("site", problem(o.site(), MAX_NAME));
        p = p != null ? p : first("id", problem(o.id(), MAX_NAME));
        p = p != null ? p : first("site", problem(o.site(), MAX_NAME));
        return p != null ? p : first("changed_at", timeProblem(o.changedAt()));
    }

    /**
     * The time to keep for an event dated {@code occurredAt} and received at {@code receivedAt}: the event's own time,
     * or the receive time when the event claims to lie more than {@code maxFutureSkew} ahead of it (a sender whose
     * clock runs ahead must not pin an address). Null when the event has no time of its own.
     */
    public static Instant boundedTime(Instant occurredAt, Instant receivedAt, Duration maxFutureSkew) {
        if (occurredAt == null || receivedAt == null) {
            return occurredAt;
        }
        return occurredAt.isAfter(receivedAt.plus(maxFutureSkew)) ? receivedAt : occurredAt;
    }

    private static Problem first(String field, String reason) {
        return reason == null ? null : new Problem(field, reason);
    }
}

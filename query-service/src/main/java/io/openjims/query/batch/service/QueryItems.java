package io.openjims.query.batch.service;

import io.openjims.model.Device;
import io.openjims.model.kafka.JsonCodec;
import io.openjims.query.batch.model.QueryItem;
import io.vertx.mutiny.sqlclient.Row;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/** Builds {@link QueryItem}s from change-log and session rows. */
final class QueryItems {

    private QueryItems() {}

    /** An item from a change-log row (columns of the batch query). */
    static QueryItem fromChange(Row r, Instant now) {
        String operation = r.getString("operation");
        if ("logoff".equals(operation)) {
            return new QueryItem(
                    operation,
                    r.getString("ip"),
                    r.getString("domain"),
                    r.getString("user_name"),
                    null,
                    null,
                    null,
                    r.getString("source_kind"),
                    time(r.getOffsetDateTime("event_time")),
                    null);
        }
        return logon(r, r.getOffsetDateTime("event_time"), now);
    }

    /** A logon item from a session row (IP and user queries). */
    static QueryItem fromSession(Row r, Instant now) {
        return logon(r, r.getOffsetDateTime("logon_at"), now);
    }

    private static QueryItem logon(Row r, OffsetDateTime at, Instant now) {
        return new QueryItem(
                "logon",
                r.getString("ip"),
                r.getString("domain"),
                r.getString("user_name"),
                roles(r.getArrayOfStrings("roles")),
                r.getString("posture"),
                device(r.getString("device")),
                r.getString("source_kind"),
                time(at),
                minutesLeft(r.getOffsetDateTime("expires_at"), now));
    }

    private static List<String> roles(String[] roles) {
        return roles == null ? List.of() : Arrays.asList(roles);
    }

    private static QueryItem.DeviceItem device(String json) {
        if (json == null) {
            return null;
        }
        Device d = JsonCodec.fromJson(json, Device.class);
        if (d.identity() == null && d.groups() == null && d.os() == null) {
            return null;
        }
        return new QueryItem.DeviceItem(d.identity(), d.groups(), d.os());
    }

    /**
     * {@link DateTimeFormatter#ISO_INSTANT} of a millisecond instant ({@code 2026-11-22T10:00:00Z}, {@code
     * 2026-11-22T10:00:00.120Z}), written by hand for years 1000-9999: the formatter was a sixth of an index lookup.
     */
    static String time(long epochMillis) {
        long seconds = Math.floorDiv(epochMillis, 1000);
        int millis = (int) Math.floorMod(epochMillis, 1000);
        int ofDay = (int) Math.floorMod(seconds, 86_400);
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        int year = date.getYear();
        if (year < 1000 || year > 9999) {
            return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(epochMillis));
        }
        byte[] out = new byte[millis == 0 ? 20 : 24];
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, ofDay / 3600, 2);
        out[13] = ':';
        digits(out, 14, ofDay / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, ofDay % 60, 2);
        if (millis != 0) {
            out[19] = '.';
            digits(out, 20, millis, 3);
        }
        out[out.length - 1] = 'Z';
        return new String(out, StandardCharsets.US_ASCII);
    }

    private static void digits(byte[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    static String time(OffsetDateTime t) {
        return t == null
                ? null
                : DateTimeFormatter.ISO_INSTANT.format(t.toInstant().truncatedTo(ChronoUnit.MILLIS));
    }

    /**
     * Whole minutes left until expiry, rounded up, at least 1; 0 for an entry that never expires (the SRX JIMS
     * profile's "0 means no need for a timeout").
     */
    static Integer minutesLeft(OffsetDateTime expiresAt, Instant now) {
        if (expiresAt == null) {
            return 0;
        }
        long seconds = Duration.between(now, expiresAt.toInstant()).getSeconds();
        return (int) Math.max(1, (seconds + 59) / 60);
    }

    /** As above for epoch milliseconds; {@link Long#MAX_VALUE}: never expires. */
    static Integer minutesLeft(long expiresAtMillis, long nowMillis) {
        if (expiresAtMillis == Long.MAX_VALUE) {
            return 0;
        }
        long seconds = Math.floorDiv(expiresAtMillis - nowMillis, 1000);
        return (int) Math.max(1, (seconds + 59) / 60);
    }
}

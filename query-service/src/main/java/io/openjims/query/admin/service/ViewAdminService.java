package io.openjims.query.admin.service;

import io.openjims.model.Device;
import io.openjims.model.contract.IpAddresses;
import io.openjims.model.kafka.JsonCodec;
import io.openjims.query.admin.model.HistoryAnswer;
import io.openjims.query.admin.model.SessionPage;
import io.openjims.query.admin.model.SessionView;
import io.openjims.query.admin.model.SettingsBody;
import io.openjims.query.admin.model.StatsResponse;
import io.openjims.query.view.config.ViewConfig;
import io.openjims.query.view.repository.SettingJdbcRepository;
import io.openjims.query.view.service.SessionRules;
import io.openjims.support.api.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Stats, session search, address history and settings of the view. */
@ApplicationScoped
public class ViewAdminService {

    public static final int MAX_PAGE_SIZE = 500;

    private final Pool pool;
    private final ViewConfig config;

    public ViewAdminService(Pool pool, ViewConfig config) {
        this.pool = pool;
        this.config = config;
    }

    public Uni<StatsResponse> stats() {
        return pool.query("""
                        SELECT
                          (SELECT count(*) FROM (SELECT domain FROM query.directory_object
                                                 UNION SELECT domain FROM query.domain_alias) d) AS domains,
                          (SELECT count(*) FROM query.directory_object WHERE kind = 'user') AS users,
                          (SELECT count(*) FROM query.directory_object WHERE kind = 'device') AS devices,
                          (SELECT count(*) FROM query.directory_object WHERE kind = 'group') AS groups,
                          (SELECT count(*) FROM query.session WHERE active) AS sessions
                        """).execute().map(rows -> {
            Row r = rows.iterator().next();
            return new StatsResponse(
                    r.getLong("domains"),
                    r.getLong("users"),
                    r.getLong("devices"),
                    r.getLong("groups"),
                    r.getLong("sessions"));
        });
    }

    /**
     * Active sessions, newest logon first. {@code ip}: an address or CIDR prefix; {@code user}: account name
     * (case-insensitive, {@code *} as wildcard); {@code domain}: DNS name or alias.
     */
    public Uni<SessionPage> sessions(String ip, String user, String domain, int page, int size) {
        List<String> errors = new ArrayList<>();
        if (page < 0) {
            errors.add("page must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            errors.add("size must be between 1 and " + MAX_PAGE_SIZE);
        }
        String cidr = null;
        if (ip != null && !ip.isBlank()) {
            String[] parts = ip.trim().split("/", 2);
            String address = IpAddresses.canonicalOrNull(parts[0]);
            boolean prefixOk = parts.length == 1 || parts[1].matches("\\d{1,3}");
            if (address == null || !prefixOk) {
                errors.add("ip must be an IPv4/IPv6 address or CIDR prefix");
            } else {
                cidr = parts.length == 1 ? address : address + "/" + parts[1];
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(String.join("; ", errors) + ".");
        }
        String userPattern = user == null || user.isBlank()
                ? null
                : user.trim()
                        .toLowerCase(Locale.ROOT)
                        .replace("\\", "\\\\")
                        .replace("%", "\\%")
                        .replace("_", "\\_")
                        .replace('*', '%');
        String domainLc =
                domain == null || domain.isBlank() ? null : domain.trim().toLowerCase(Locale.ROOT);
        String where = " FROM query.session WHERE active"
                + " AND ($1::text IS NULL OR ip::inet <<= $1::text::inet)"
                + " AND ($2::text IS NULL OR user_lc LIKE $2)"
                + " AND ($3::text IS NULL OR domain = coalesce((SELECT a.domain FROM query.domain_alias a"
                + "      WHERE a.alias = $3), $3))";
        Tuple args = Tuple.of(cidr, userPattern, domainLc);
        Uni<Long> total = pool.preparedQuery("SELECT count(*) AS n" + where)
                .execute(args)
                .map(rows -> rows.iterator().next().getLong("n"));
        Uni<List<SessionView>> items = pool.preparedQuery("SELECT ip, domain, user_name, roles, device::text AS device,"
                        + " posture, source_kind, logon_at, expires_at" + where
                        + " ORDER BY logon_at DESC, ip LIMIT $4 OFFSET $5")
                .execute(Tuple.of(cidr, userPattern, domainLc, size, (long) page * size))
                .map(rows -> {
                    List<SessionView> out = new ArrayList<>();
                    for (Row r : rows) {
                        String device = r.getString("device");
                        out.add(new SessionView(
                                r.getString("ip"),
                                r.getString("domain"),
                                r.getString("user_name"),
                                r.getArrayOfStrings("roles") == null
                                        ? List.of()
                                        : Arrays.asList(r.getArrayOfStrings("roles")),
                                device == null ? null : JsonCodec.fromJson(device, Device.class),
                                r.getString("posture"),
                                r.getString("source_kind"),
                                time(r.getOffsetDateTime("logon_at")),
                                time(r.getOffsetDateTime("expires_at"))));
                    }
                    return out;
                });
        return Uni.combine()
                .all()
                .unis(total, items)
                .asTuple()
                .map(t -> new SessionPage(t.getItem1(), page, size, t.getItem2()));
    }

    /** Who held {@code ip} at {@code at}, from the retained change log. */
    public Uni<HistoryAnswer> history(String ipText, String atText) {
        List<String> errors = new ArrayList<>();
        String ip = IpAddresses.canonicalOrNull(ipText);
        if (ip == null) {
            errors.add("ip must be an IPv4 or IPv6 address");
        }
        Instant at = null;
        if (atText == null || atText.isBlank()) {
            errors.add("at must be an RFC 3339 time such as 2026-11-22T10:00:00Z");
        } else {
            try {
                at = OffsetDateTime.parse(atText.trim()).toInstant();
            } catch (RuntimeException e) {
                errors.add("at \"" + atText + "\" is not an RFC 3339 time (e.g. 2026-11-22T10:00:00Z)");
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(String.join("; ", errors) + ".");
        }
        Instant when = at;
        OffsetDateTime atTime = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        // The latest change of the address that took effect at or before the time: a logon from its logon time, a
        // logoff (or expiry) from its event time.
        return pool.preparedQuery("""
                        SELECT seq, operation, domain, user_name, roles, logon_at, event_time,
                            (SELECT min(CASE WHEN n.operation = 'logon' THEN n.logon_at ELSE n.event_time END)
                             FROM query.change_log n
                             WHERE n.ip = c.ip AND n.seq > c.seq AND (n.operation = 'logoff'
                                OR lower(n.user_name) <> lower(c.user_name)
                                OR n.domain IS DISTINCT FROM c.domain)) AS ended
                        FROM query.change_log c
                        WHERE c.ip = $1
                          AND (CASE WHEN c.operation = 'logon' THEN coalesce(c.logon_at, c.event_time)
                               ELSE c.event_time END) <= $2
                        ORDER BY c.seq DESC LIMIT 1
                        """).execute(Tuple.of(ip, atTime)).map(rows -> {
            String atOut = time(atTime);
            if (rows.size() == 0) {
                return new HistoryAnswer(ip, atOut, false, null, null, null, null, null, null);
            }
            Row r = rows.iterator().next();
            if (!"logon".equals(r.getString("operation"))) {
                return new HistoryAnswer(
                        ip,
                        atOut,
                        false,
                        r.getString("domain"),
                        r.getString("user_name"),
                        null,
                        null,
                        time(r.getOffsetDateTime("event_time")),
                        r.getLong("seq"));
            }
            OffsetDateTime ended = r.getOffsetDateTime("ended");
            boolean held = ended == null || ended.toInstant().isAfter(when);
            return new HistoryAnswer(
                    ip,
                    atOut,
                    held,
                    r.getString("domain"),
                    r.getString("user_name"),
                    r.getArrayOfStrings("roles") == null ? List.of() : Arrays.asList(r.getArrayOfStrings("roles")),
                    time(r.getOffsetDateTime("logon_at")),
                    ended == null ? null : time(ended),
                    r.getLong("seq"));
        });
    }

    public Uni<SettingsBody> settings() {
        return pool.preparedQuery("SELECT value FROM query.setting WHERE name = $1")
                .execute(Tuple.of(SettingJdbcRepository.SESSION_TIMEOUT))
                .map(rows -> new SettingsBody(
                        rows.size() == 0
                                ? config.sessionTimeoutMinutes()
                                : Integer.parseInt(rows.iterator().next().getString("value"))));
    }

    /**
     * Stores the session timeout; active sessions without a timeout of their own get their expiry moved to their
     * logon time plus the new timeout.
     */
    public Uni<SettingsBody> updateSettings(SettingsBody body) {
        if (body == null || body.sessionTimeoutMinutes() == null) {
            throw ApiException.badRequest("session_timeout_minutes is required (an integer from "
                    + SessionRules.MIN_TIMEOUT + " to " + SessionRules.MAX_TIMEOUT + ").");
        }
        int minutes = body.sessionTimeoutMinutes();
        if (minutes < SessionRules.MIN_TIMEOUT || minutes > SessionRules.MAX_TIMEOUT) {
            throw ApiException.badRequest("session_timeout_minutes must be between " + SessionRules.MIN_TIMEOUT
                    + " and " + SessionRules.MAX_TIMEOUT + ", not " + minutes + ".");
        }
        return pool.withTransaction(c -> c.preparedQuery("INSERT INTO query.setting (name, value) VALUES ($1, $2)"
                                + " ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value")
                        .execute(Tuple.of(SettingJdbcRepository.SESSION_TIMEOUT, Integer.toString(minutes)))
                        .flatMap(x -> c.preparedQuery("UPDATE query.session SET expires_at = logon_at"
                                        + " + make_interval(mins => $1) WHERE active AND timeout_minutes IS NULL")
                                .execute(Tuple.of(minutes))))
                .map(x -> new SettingsBody(minutes));
    }

    private static String time(OffsetDateTime t) {
        return t == null
                ? null
                : DateTimeFormatter.ISO_INSTANT.format(t.toInstant().truncatedTo(ChronoUnit.MILLIS));
    }
}

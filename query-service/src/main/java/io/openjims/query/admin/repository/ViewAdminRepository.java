package io.openjims.query.admin.repository;

import io.openjims.model.Device;
import io.openjims.model.kafka.JsonCodec;
import io.openjims.query.admin.model.ExplainAnswer;
import io.openjims.query.admin.model.HistoryAnswer;
import io.openjims.query.admin.model.SessionView;
import io.openjims.query.admin.model.StatsResponse;
import io.openjims.query.view.model.TimeoutSettings;
import io.openjims.query.view.repository.SettingJdbcRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
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
import java.util.Map;

/** The view as the admin API reads and changes it (reactive): counts, session search, address history, settings. */
@ApplicationScoped
public class ViewAdminRepository {

    private static final String SESSIONS_WHERE = " FROM query.session WHERE active"
            + " AND ($1::text IS NULL OR ip::inet <<= $1::text::inet)"
            + " AND ($2::text IS NULL OR user_lc LIKE $2)"
            + " AND ($3::text IS NULL OR domain = ANY(ARRAY(SELECT $3::text UNION SELECT a.domain"
            + "      FROM query.domain_alias a WHERE a.alias = $3)))";

    private final Pool pool;

    public ViewAdminRepository(Pool pool) {
        this.pool = pool;
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
     * The number of active sessions that match; each filter may be null: {@code cidr} an address or prefix,
     * {@code userPattern} a LIKE pattern of the lower-case account name, {@code domainLc} a DNS name or alias.
     */
    public Uni<Long> countSessions(String cidr, String userPattern, String domainLc) {
        return pool.preparedQuery("SELECT count(*) AS n" + SESSIONS_WHERE)
                .execute(Tuple.of(cidr, userPattern, domainLc))
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    /** A page of the active sessions that match (filters as {@link #countSessions}), newest logon first. */
    public Uni<List<SessionView>> sessions(String cidr, String userPattern, String domainLc, int limit, long offset) {
        return pool.preparedQuery("SELECT ip, domain, user_name, roles, device::text AS device,"
                        + " posture, source_kind, logon_at, expires_at" + SESSIONS_WHERE
                        + " ORDER BY logon_at DESC, ip LIMIT $4 OFFSET $5")
                .execute(Tuple.of(cidr, userPattern, domainLc, limit, offset))
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
    }

    /** Who held {@code ip} at {@code at}, from the retained change log. */
    public Uni<HistoryAnswer> holderAt(String ip, Instant at) {
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
            boolean held = ended == null || ended.toInstant().isAfter(at);
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

    /** The session row of {@code ip} and its newest {@code limit} decisions, newest first. */
    public Uni<ExplainAnswer> explain(String ip, int limit) {
        Uni<RowSet<Row>> session = pool.preparedQuery(
                        "SELECT active, domain, user_name, source_kind FROM query.session WHERE ip = $1")
                .execute(Tuple.of(ip));
        Uni<RowSet<Row>> decided = pool.preparedQuery("SELECT decided_at, event_time, operation, domain, user_name,"
                        + " source_kind, source_collector, source_name, session_id, rule, detail"
                        + " FROM query.session_decision WHERE ip = $1 ORDER BY id DESC LIMIT $2")
                .execute(Tuple.of(ip, limit));
        return Uni.combine().all().unis(session, decided).asTuple().map(t -> {
            List<ExplainAnswer.Event> events = new ArrayList<>();
            for (Row r : t.getItem2()) {
                events.add(new ExplainAnswer.Event(
                        time(r.getOffsetDateTime("decided_at")),
                        time(r.getOffsetDateTime("event_time")),
                        r.getString("operation"),
                        r.getString("domain"),
                        r.getString("user_name"),
                        r.getString("source_kind"),
                        r.getString("source_collector"),
                        r.getString("source_name"),
                        r.getString("session_id"),
                        r.getString("rule"),
                        r.getString("detail")));
            }
            Row s = t.getItem1().size() == 0 ? null : t.getItem1().iterator().next();
            boolean active = s != null && Boolean.TRUE.equals(s.getBoolean("active"));
            return new ExplainAnswer(
                    ip,
                    active,
                    active ? s.getString("domain") : null,
                    active ? s.getString("user_name") : null,
                    active ? s.getString("source_kind") : null,
                    events);
        });
    }

    /** The stored default timeouts; {@code fallback} minutes when none is stored. */
    public Uni<TimeoutSettings> timeouts(int fallback) {
        return pool.preparedQuery("SELECT name, value FROM query.setting WHERE name = ANY($1)")
                .execute(Tuple.of(
                        new String[] {SettingJdbcRepository.SESSION_TIMEOUT, SettingJdbcRepository.SOURCE_TIMEOUTS}))
                .map(rows -> {
                    int minutes = fallback;
                    Map<String, Integer> bySource = Map.of();
                    for (Row r : rows) {
                        if (SettingJdbcRepository.SESSION_TIMEOUT.equals(r.getString("name"))) {
                            minutes = Integer.parseInt(r.getString("value"));
                        } else {
                            bySource = SettingJdbcRepository.sourceTimeouts(r.getString("value"));
                        }
                    }
                    return new TimeoutSettings(minutes, bySource);
                });
    }

    /**
     * Stores the default timeouts and moves the expiry of active sessions without a timeout of their own to their
     * logon time plus the new default of their source kind (no expiry for 0), in one transaction.
     */
    public Uni<Void> saveTimeouts(TimeoutSettings timeouts) {
        String bySource = JsonCodec.toJson(timeouts.bySourceKind());
        return pool.withTransaction(c -> c.preparedQuery("INSERT INTO query.setting (name, value)"
                                + " VALUES ($1, $2), ($3, $4) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value")
                        .execute(Tuple.of(
                                SettingJdbcRepository.SESSION_TIMEOUT,
                                Integer.toString(timeouts.minutes()),
                                SettingJdbcRepository.SOURCE_TIMEOUTS,
                                bySource))
                        .flatMap(x -> c.preparedQuery(SettingJdbcRepository.MOVE_EXPIRIES
                                        .replace(":minutes", "$1")
                                        .replace(":bySource", "$2"))
                                .execute(Tuple.of(timeouts.minutes(), bySource))))
                .replaceWithVoid();
    }

    private static String time(OffsetDateTime t) {
        return t == null
                ? null
                : DateTimeFormatter.ISO_INSTANT.format(t.toInstant().truncatedTo(ChronoUnit.MILLIS));
    }
}

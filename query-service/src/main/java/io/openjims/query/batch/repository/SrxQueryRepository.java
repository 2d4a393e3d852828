package io.openjims.query.batch.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The view as the SRX queries read it (reactive): active sessions and the change log after a cursor. */
@ApplicationScoped
public class SrxQueryRepository {

    private static final String SESSION_COLUMNS =
            "ip, domain, user_name, roles, device::text AS device, posture, source_kind, logon_at, expires_at";

    /** Not expired, whether or not the expiry job has ended it yet. */
    private static final String LIVE = " AND (expires_at IS NULL OR expires_at > now())";

    private static final String CHUNK_SQL = """
            SELECT k.last_seq AS head, k.pruned_through AS pruned, k.epoch, c.seq, c.operation, c.ip, c.domain,
                c.user_name, c.roles, c.device, c.posture, c.source_kind, c.event_time, c.expires_at
            FROM query.change_counter k
            LEFT JOIN LATERAL (
                SELECT l.seq, l.operation, l.ip, l.domain, l.user_name, l.roles, l.device::text AS device, l.posture,
                    l.source_kind, l.event_time, l.expires_at
                FROM query.change_log l
                WHERE l.seq > $1 AND l.seq <= k.last_seq
                  AND (cardinality($3::text[]) = 0 OR l.domain = ANY($3::text[]))
                ORDER BY l.seq LIMIT $2) c ON true
            WHERE k.id = 1
            ORDER BY c.seq
            """;

    private final Pool pool;

    public SrxQueryRepository(Pool pool) {
        this.pool = pool;
    }

    /** The active session of an address (none or one row, session columns). */
    public Uni<RowSet<Row>> activeSessionOf(String ip) {
        return pool.preparedQuery("SELECT " + SESSION_COLUMNS + " FROM query.session WHERE ip = $1 AND active" + LIVE)
                .execute(Tuple.of(ip));
    }

    /** The active sessions of a user by address; {@code domain} may be an alias (of one or more DNS domains). */
    public Uni<RowSet<Row>> activeSessionsOf(String domain, String userLc) {
        return pool.preparedQuery("SELECT " + SESSION_COLUMNS + " FROM query.session WHERE active" + LIVE
                        + " AND domain = ANY(ARRAY(SELECT $1::text UNION SELECT a.domain FROM query.domain_alias a"
                        + " WHERE a.alias = $1)) AND user_lc = $2 ORDER BY ip")
                .execute(Tuple.of(domain, userLc));
    }

    /** The cursor just before the first change at or after {@code time}; the head when there is none. */
    public Uni<Long> cursorAt(Instant time) {
        return pool.preparedQuery("SELECT coalesce((SELECT min(seq) - 1 FROM query.change_log WHERE changed_at >= $1),"
                        + " (SELECT last_seq FROM query.change_counter WHERE id = 1)) AS cursor")
                .execute(Tuple.of(OffsetDateTime.ofInstant(time, ZoneOffset.UTC)))
                .map(rows -> rows.iterator().next().getLong("cursor"));
    }

    /** The DNS domains the given names are aliases of. */
    public Uni<List<String>> domainsOfAliases(String[] names) {
        return pool.preparedQuery("SELECT domain FROM query.domain_alias WHERE alias = ANY($1)")
                .execute(Tuple.tuple().addArrayOfString(names))
                .map(rows -> {
                    List<String> out = new ArrayList<>(rows.size());
                    rows.forEach(r -> out.add(r.getString("domain")));
                    return out;
                });
    }

    /**
     * Up to {@code limit} changes after {@code cursor} (of the given domains, all when empty), each row with the
     * change log's head, pruned sequence and epoch; one row with null {@code seq} when there is none.
     */
    public Uni<RowSet<Row>> changesAfter(long cursor, int limit, String[] domains) {
        return pool.preparedQuery(CHUNK_SQL).execute(Tuple.of(cursor, limit).addArrayOfString(domains));
    }
}

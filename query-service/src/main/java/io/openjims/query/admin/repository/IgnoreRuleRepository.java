package io.openjims.query.admin.repository;

import io.openjims.query.admin.model.IgnoreRuleView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code query.ignore_rule} for the admin API (reactive). */
@ApplicationScoped
public class IgnoreRuleRepository {

    private static final String COLUMNS = "id, kind, pattern, description, created_at";

    private final Pool pool;

    public IgnoreRuleRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<IgnoreRuleView>> list() {
        return pool.query("SELECT " + COLUMNS + " FROM query.ignore_rule ORDER BY kind, pattern")
                .execute()
                .map(IgnoreRuleRepository::views);
    }

    public Uni<Optional<IgnoreRuleView>> find(String id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM query.ignore_rule WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> views(rows).stream().findFirst());
    }

    /** Inserts the rule; empty when another rule has the same kind and pattern. */
    public Uni<Optional<IgnoreRuleView>> insert(String id, String kind, String pattern, String description) {
        return pool.preparedQuery("INSERT INTO query.ignore_rule (id, kind, pattern, description)"
                        + " VALUES ($1, $2, $3, $4) ON CONFLICT (kind, pattern) DO NOTHING RETURNING " + COLUMNS)
                .execute(Tuple.of(id, kind, pattern, description))
                .map(rows -> views(rows).stream().findFirst());
    }

    /**
     * Updates the rule; empty when there is no such rule. Fails with {@link DuplicateRuleException} when another
     * rule has the same kind and pattern.
     */
    public Uni<Optional<IgnoreRuleView>> update(String id, String kind, String pattern, String description) {
        return pool.preparedQuery("SELECT 1 FROM query.ignore_rule WHERE kind = $1 AND pattern = $2 AND id <> $3")
                .execute(Tuple.of(kind, pattern, id))
                .flatMap(clash -> {
                    if (clash.size() > 0) {
                        return Uni.createFrom().failure(new DuplicateRuleException());
                    }
                    return pool.preparedQuery("UPDATE query.ignore_rule SET kind = $2, pattern = $3,"
                                    + " description = $4 WHERE id = $1 RETURNING " + COLUMNS)
                            .execute(Tuple.of(id, kind, pattern, description))
                            .map(rows -> views(rows).stream().findFirst());
                });
    }

    public Uni<Boolean> delete(String id) {
        return pool.preparedQuery("DELETE FROM query.ignore_rule WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Another rule already has this kind and pattern. */
    public static final class DuplicateRuleException extends RuntimeException {
        public DuplicateRuleException() {
            super("duplicate ignore rule", null, false, false);
        }
    }

    private static List<IgnoreRuleView> views(RowSet<Row> rows) {
        List<IgnoreRuleView> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(new IgnoreRuleView(
                    r.getString("id"),
                    r.getString("kind"),
                    r.getString("pattern"),
                    r.getString("description"),
                    r.getString("kind") + ":" + r.getString("pattern"),
                    DateTimeFormatter.ISO_INSTANT.format(
                            r.getOffsetDateTime("created_at").toInstant().truncatedTo(ChronoUnit.MILLIS))));
        }
        return out;
    }
}

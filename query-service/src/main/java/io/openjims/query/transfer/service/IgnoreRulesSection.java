package io.openjims.query.transfer.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openjims.query.admin.model.IgnoreRuleBody;
import io.openjims.query.admin.model.IgnoreRuleView;
import io.openjims.query.admin.service.IgnoreRuleService;
import io.openjims.support.api.ApiException;
import io.openjims.support.transfer.ConfigSeal;
import io.openjims.support.transfer.ConfigSection;
import io.openjims.support.transfer.SectionItems;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The {@code ignore_rules} section: the view's ignore lists ({@code kind}, {@code pattern}, {@code description}),
 * checked as {@code POST /api/admin/ignore-rules} checks them. Keyed by kind and canonical pattern: a stored rule
 * with the key of an imported one keeps its id (its description is replaced), others are created, rules not in the
 * document are removed. The view reads the rules in each transaction, so they apply at once.
 */
@ApplicationScoped
public class IgnoreRulesSection implements ConfigSection {

    public static final String NAME = "ignore_rules";

    private final IgnoreRuleService rules;

    public IgnoreRulesSection(IgnoreRuleService rules) {
        this.rules = rules;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<JsonNode> export(ConfigSeal seal) {
        return rules.list().map(all -> {
            ArrayNode items = JsonNodeFactory.instance.arrayNode();
            for (IgnoreRuleView r : all) {
                ObjectNode item = items.addObject();
                item.put("kind", r.kind());
                item.put("pattern", r.pattern());
                item.put("description", r.description());
            }
            return items;
        });
    }

    @Override
    public List<SecretNeed> check(JsonNode content) {
        parse(content);
        return List.of();
    }

    /** The imported rules by key ({@code kind:pattern}, canonical), in document order. */
    private static Map<String, IgnoreRuleBody> parse(JsonNode content) {
        Set<String> seen = new HashSet<>();
        Map<String, IgnoreRuleBody> out = new LinkedHashMap<>();
        for (IgnoreRuleBody r : SectionItems.read(NAME, content, item -> {
            for (var field : item.properties()) {
                if (!List.of("kind", "pattern", "description").contains(field.getKey())) {
                    throw ApiException.invalidField(field.getKey(), "is not a field of an ignore rule");
                }
                if (!field.getValue().isNull() && !field.getValue().isTextual()) {
                    throw ApiException.invalidField(field.getKey(), "must be a string");
                }
            }
            IgnoreRuleBody valid = IgnoreRuleService.valid(new IgnoreRuleBody(
                    SectionItems.text(item, "kind"),
                    SectionItems.text(item, "pattern"),
                    SectionItems.text(item, "description")));
            if (!seen.add(key(valid.kind(), valid.pattern()))) {
                throw ApiException.badRequest(
                        "duplicate_rule", "rule " + key(valid.kind(), valid.pattern()) + " appears twice");
            }
            return valid;
        })) {
            out.put(key(r.kind(), r.pattern()), r);
        }
        return out;
    }

    private static String key(String kind, String pattern) {
        return kind + ":" + pattern;
    }

    @Override
    public Uni<SectionChange> replace(JsonNode content, Map<String, SecretValue> secrets) {
        Map<String, IgnoreRuleBody> imported = parse(content);
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "SELECT kind || ':' || pattern FROM query.ignore_rule", String.class)
                        .getResultList()
                        .flatMap(stored -> {
                            Set<String> existing = new HashSet<>(stored);
                            int removed = 0;
                            int replaced = 0;
                            Uni<Void> chain = Uni.createFrom().voidItem();
                            for (String k : existing) {
                                if (!imported.containsKey(k)) {
                                    removed++;
                                    String[] kp = k.split(":", 2);
                                    chain = chain.flatMap(x -> run(
                                            session,
                                            "DELETE FROM query.ignore_rule WHERE kind = :kind AND pattern = :pattern",
                                            kp[0],
                                            kp[1],
                                            null,
                                            null));
                                }
                            }
                            for (var e : imported.entrySet()) {
                                IgnoreRuleBody r = e.getValue();
                                if (existing.contains(e.getKey())) {
                                    replaced++;
                                    chain = chain.flatMap(x -> run(
                                            session,
                                            "UPDATE query.ignore_rule SET description = :description"
                                                    + " WHERE kind = :kind AND pattern = :pattern",
                                            r.kind(),
                                            r.pattern(),
                                            r.description(),
                                            null));
                                } else {
                                    chain = chain.flatMap(x -> run(
                                            session,
                                            "INSERT INTO query.ignore_rule (id, kind, pattern, description)"
                                                    + " VALUES (:id, :kind, :pattern, :description)",
                                            r.kind(),
                                            r.pattern(),
                                            r.description(),
                                            UUID.randomUUID().toString()));
                                }
                            }
                            SectionChange change = new SectionChange(imported.size() - replaced, replaced, removed);
                            return chain.map(x -> change);
                        }));
    }

    private static Uni<Void> run(
            Mutiny.Session session, String sql, String kind, String pattern, String description, String id) {
        var q = session.createNativeQuery(sql).setParameter("kind", kind).setParameter("pattern", pattern);
        if (sql.contains(":description")) {
            q.setParameter("description", description);
        }
        if (id != null) {
            q.setParameter("id", id);
        }
        return q.executeUpdate().replaceWithVoid();
    }
}

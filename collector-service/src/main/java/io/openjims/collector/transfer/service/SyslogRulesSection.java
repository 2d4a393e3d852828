package io.openjims.collector.transfer.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openjims.collector.syslog.repository.SyslogRuleEntity;
import io.openjims.collector.syslog.repository.SyslogRuleRepository;
import io.openjims.collector.syslog.rest.SyslogRuleRequest;
import io.openjims.collector.syslog.rules.RuleDefinition;
import io.openjims.collector.syslog.service.SyslogRuleProblem;
import io.openjims.collector.syslog.service.SyslogRules;
import io.openjims.support.api.ApiException;
import io.openjims.support.transfer.ConfigSeal;
import io.openjims.support.transfer.ConfigSection;
import io.openjims.support.transfer.SectionItems;
import io.openjims.support.transfer.SectionReplace;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code syslog_rules} section: every rule (built-in ones too, with their {@code builtin} and {@code modified}
 * marks) as {@code /api/admin/syslog-rules} shows it; no secrets. On import a rule of the same name is changed in
 * place, others are created, rules not in the document removed; the running rule engine is reloaded at once.
 */
@ApplicationScoped
public class SyslogRulesSection implements ConfigSection {

    public static final String NAME = "syslog_rules";
    private static final int POSITION_STEP = 10;

    private final SyslogRuleRepository repository;
    private final SyslogRules rules;

    public SyslogRulesSection(SyslogRuleRepository repository, SyslogRules rules) {
        this.repository = repository;
        this.rules = rules;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<JsonNode> export(ConfigSeal seal) {
        return repository.listOrdered().map(all -> {
            ArrayNode items = JsonNodeFactory.instance.arrayNode();
            for (SyslogRuleEntity e : all) {
                RuleDefinition d = SyslogRules.toDefinition(e);
                ObjectNode item = items.addObject();
                item.put("name", d.name());
                item.put("operation", d.operation().wireName());
                item.put("condition_type", d.conditionType().wireName());
                item.put("condition", d.condition());
                item.put("pattern", d.pattern());
                item.put("exclude", d.exclude());
                item.put("skip_users", d.skipUsers());
                item.put("position", d.position());
                item.put("enabled", d.enabled());
                item.put("builtin", e.builtin);
                item.put("modified", e.modified);
            }
            return items;
        });
    }

    private record Imported(RuleDefinition definition, boolean builtin, boolean modified) {}

    private static List<Imported> parse(JsonNode content) {
        int[] index = {0};
        List<Imported> imported = SectionItems.read(NAME, content, item -> {
            index[0]++;
            SyslogRuleRequest request = SectionItems.as(item, SyslogRuleRequest.class, "builtin", "modified");
            if (request.operation() == null) {
                throw ApiException.invalidField("operation", "must be \"logon\" or \"logoff\"");
            }
            RuleDefinition definition = request.toDefinition(index[0] * POSITION_STEP);
            try {
                SyslogRules.validate(definition);
            } catch (SyslogRuleProblem e) {
                throw new ApiException(400, e.code(), e.getMessage());
            }
            return new Imported(
                    definition,
                    item.path("builtin").asBoolean(false),
                    item.path("modified").asBoolean(false));
        });
        Set<String> names = new HashSet<>();
        for (Imported i : imported) {
            if (!names.add(i.definition().name())) {
                throw ApiException.badRequest(
                        "duplicate_name", NAME + " (" + i.definition().name() + "): the name appears twice");
            }
        }
        return imported;
    }

    @Override
    public List<SecretNeed> check(JsonNode content) {
        parse(content);
        return List.of();
    }

    @Override
    public Uni<SectionChange> replace(JsonNode content, Map<String, SecretValue> secrets) {
        List<Imported> imported = parse(content);
        Instant now = Instant.now();
        return SectionReplace.replace(
                Rows.of(repository, repository::listOrdered),
                e -> e.name,
                imported,
                i -> i.definition().name(),
                i -> {
                    SyslogRuleEntity entity = new SyslogRuleEntity();
                    entity.id = UUID.randomUUID();
                    entity.createdAt = now;
                    return entity;
                },
                SectionReplace.always((i, entity) -> {
                    SyslogRules.apply(entity, i.definition(), now);
                    entity.builtin = i.builtin();
                    entity.modified = i.modified();
                }));
    }

    /** The running rule engine takes the imported rules at once. */
    @Override
    public Uni<Void> afterImport() {
        return rules.reload().replaceWithVoid();
    }
}

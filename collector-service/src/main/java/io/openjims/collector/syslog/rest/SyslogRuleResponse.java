package io.openjims.collector.syslog.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.openjims.collector.syslog.rules.ConditionType;
import io.openjims.collector.syslog.rules.RuleDefinition;
import io.openjims.collector.syslog.service.StoredRule;
import io.openjims.model.Operation;
import java.time.Instant;
import java.util.UUID;

/**
 * A stored rule as the admin API shows it; {@code disabled_because} says why an enabled rule no longer takes
 * messages (null while it does).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SyslogRuleResponse(
        UUID id,
        String name,
        Operation operation,
        ConditionType conditionType,
        String condition,
        String pattern,
        String exclude,
        String skipUsers,
        int position,
        boolean enabled,
        boolean builtin,
        boolean modified,
        Instant createdAt,
        Instant updatedAt,
        String disabledBecause) {

    static SyslogRuleResponse of(StoredRule rule) {
        return of(rule, null);
    }

    /** With why the running rule stopped taking messages (its regex ran out of budget), or null. */
    static SyslogRuleResponse of(StoredRule rule, String disabledBecause) {
        RuleDefinition d = rule.definition();
        return new SyslogRuleResponse(
                rule.id(),
                d.name(),
                d.operation(),
                d.conditionType(),
                d.condition(),
                d.pattern(),
                d.exclude(),
                d.skipUsers(),
                d.position(),
                d.enabled(),
                rule.builtin(),
                rule.modified(),
                rule.createdAt(),
                rule.updatedAt(),
                disabledBecause);
    }
}

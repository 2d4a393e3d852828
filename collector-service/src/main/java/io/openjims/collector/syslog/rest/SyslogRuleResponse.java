package io.openjims.collector.syslog.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.openjims.collector.syslog.rules.ConditionType;
import io.openjims.collector.syslog.rules.RuleDefinition;
import io.openjims.collector.syslog.service.StoredRule;
import io.openjims.model.Operation;
import java.time.Instant;
import java.util.UUID;

/** A stored rule as the admin API shows it. */
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
        Instant updatedAt) {

    static SyslogRuleResponse of(StoredRule rule) {
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
                rule.updatedAt());
    }
}

package io.openjims.collector.syslog.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.openjims.collector.syslog.rules.ConditionType;
import io.openjims.collector.syslog.rules.RuleDefinition;
import io.openjims.model.Operation;

/**
 * A rule as an admin sends it. {@code condition_type} defaults to {@code substring}, {@code enabled} to true,
 * {@code position} to after the last rule (PUT: the rule's current position).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SyslogRuleRequest(
        String name,
        Operation operation,
        ConditionType conditionType,
        String condition,
        String pattern,
        String exclude,
        String skipUsers,
        Integer position,
        Boolean enabled) {

    /** The definition this request asks for, defaults applied (not yet validated: {@code SyslogRules.validate}). */
    public RuleDefinition toDefinition(int defaultPosition) {
        return new RuleDefinition(
                name == null ? null : name.strip(),
                operation,
                conditionType == null ? ConditionType.SUBSTRING : conditionType,
                condition,
                pattern,
                exclude,
                skipUsers,
                position == null ? defaultPosition : position,
                enabled == null || enabled);
    }
}

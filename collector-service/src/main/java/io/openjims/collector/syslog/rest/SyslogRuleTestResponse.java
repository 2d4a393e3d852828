package io.openjims.collector.syslog.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.openjims.collector.syslog.rules.RuleOutcome;
import io.openjims.model.Operation;
import java.time.Instant;

/**
 * What a sample line yields: its syslog header, the outcome, the rule that took it and the event it would publish.
 *
 * @param format {@code rfc5424}, {@code rfc3164} or {@code raw}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyslogRuleTestResponse(
        String format,
        String hostname,
        String appName,
        Instant headerTimestamp,
        RuleOutcome outcome,
        String rule,
        String reason,
        String detail,
        Event event) {

    /** The event a match would publish (timestamp null: the receive time would be used). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(Operation operation, String user, String domain, String ip, String device, Instant timestamp) {}
}

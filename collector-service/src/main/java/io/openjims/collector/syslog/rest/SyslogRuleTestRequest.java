package io.openjims.collector.syslog.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A sample line to try: against the current rules, or against {@code rule} alone (a rule not yet saved).
 *
 * @param sender the sender address to assume (default 127.0.0.1)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SyslogRuleTestRequest(String line, String sender, SyslogRuleRequest rule) {}

package io.openjims.collector.syslog.service;

import io.openjims.collector.syslog.rules.RuleDefinition;
import java.time.Instant;
import java.util.UUID;

/** A rule as stored: its definition plus bookkeeping. */
public record StoredRule(
        UUID id, RuleDefinition definition, boolean builtin, boolean modified, Instant createdAt, Instant updatedAt) {}

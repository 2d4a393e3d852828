package io.openjims.collector.syslog.rules;

import io.openjims.model.Operation;

/**
 * A syslog parsing rule as an admin writes it. Rules are tried in {@code position} order; the first whose condition
 * holds and whose pattern is found in the message decides.
 *
 * @param name unique name, also the counter label
 * @param operation what a match reports
 * @param conditionType how {@code condition} is tested
 * @param condition cheap pre-test (a substring or a regex found in the message)
 * @param pattern regex with named groups {@code user} (required), {@code ip} (required unless {@code session} is
 *     there for a logoff), {@code domain}, {@code device}, {@code timestamp}, {@code session} (a logon id, so a
 *     logoff without address finds the address of its logon)
 * @param exclude optional regex: when found, the message is taken by this rule but ignored (counted)
 * @param skipUsers optional regex matched case-insensitively against the whole user name: such users are ignored
 * @param position order (lower first)
 * @param enabled disabled rules are skipped
 */
public record RuleDefinition(
        String name,
        Operation operation,
        ConditionType conditionType,
        String condition,
        String pattern,
        String exclude,
        String skipUsers,
        int position,
        boolean enabled) {}

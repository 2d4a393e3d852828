package io.openjims.collector.syslog.rules;

/**
 * The result of offering one message to the rules.
 *
 * @param rule the rule that took the message, or null when unmatched
 * @param reason why a message was ignored or rejected (a short code such as {@code invalid_ip}), else null
 * @param detail a human-readable explanation for ignored or rejected messages, else null
 * @param identity the extracted identity when matched, else null
 */
public record RuleResult(RuleOutcome outcome, String rule, String reason, String detail, ExtractedIdentity identity) {

    static final RuleResult UNMATCHED = new RuleResult(RuleOutcome.UNMATCHED, null, null, null, null);

    static RuleResult matched(String rule, ExtractedIdentity identity) {
        return new RuleResult(RuleOutcome.MATCHED, rule, null, null, identity);
    }

    static RuleResult ignored(String rule, String reason, String detail) {
        return new RuleResult(RuleOutcome.IGNORED, rule, reason, detail, null);
    }

    static RuleResult rejected(String rule, String reason, String detail) {
        return new RuleResult(RuleOutcome.REJECTED, rule, reason, detail, null);
    }
}

package io.openjims.collector.syslog.rules;

import io.openjims.collector.events.service.UsableAddresses;
import io.openjims.collector.syslog.parse.SyslogFormat;
import io.openjims.collector.syslog.parse.SyslogMessage;
import io.openjims.model.Operation;
import io.openjims.model.contract.UserNames;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Offers messages to an ordered list of rules. The list is replaced atomically when rules change, so a change takes
 * effect for the next message without a restart. Thread-safe.
 */
public final class RuleEngine {

    private static final Logger LOG = Logger.getLogger(RuleEngine.class);

    private static final int MAX_VALUE_LENGTH = 256;

    private final AtomicReference<List<CompiledRule>> rules = new AtomicReference<>(List.of());
    private final SessionTracker sessions;

    public RuleEngine(SessionTracker sessions) {
        this.sessions = sessions;
    }

    /**
     * Replaces the rules; disabled ones are dropped, the rest sorted by position then name. A rule whose definition
     * is unchanged keeps its running instance, so one taken out of service by its regex budget stays out until it is
     * saved with another definition.
     */
    public void replace(List<CompiledRule> compiled) {
        Map<RuleDefinition, CompiledRule> running = new HashMap<>();
        for (CompiledRule rule : rules.get()) {
            running.put(rule.definition(), rule);
        }
        rules.set(compiled.stream()
                .filter(rule -> rule.definition().enabled())
                .map(rule -> running.getOrDefault(rule.definition(), rule))
                .sorted(Comparator.comparingInt(
                                (CompiledRule rule) -> rule.definition().position())
                        .thenComparing(CompiledRule::name))
                .toList());
    }

    /** Why the running rule of this name stopped taking messages, or null. */
    public String disabledBecause(String name) {
        for (CompiledRule rule : rules.get()) {
            if (rule.name().equals(name)) {
                return rule.disabledBecause();
            }
        }
        return null;
    }

    public List<CompiledRule> rules() {
        return rules.get();
    }

    /** Offers the message to the current rules; remembers logon ids for later logoffs. */
    public RuleResult evaluate(SyslogMessage message, String sender) {
        return evaluate(rules.get(), message, sender, true);
    }

    /** Offers the message to the given rules without remembering anything (for trying rules out). */
    public RuleResult dryRun(List<CompiledRule> candidates, SyslogMessage message, String sender) {
        return evaluate(candidates, message, sender, false);
    }

    private RuleResult evaluate(List<CompiledRule> candidates, SyslogMessage message, String sender, boolean track) {
        String text = message.raw();
        for (CompiledRule rule : candidates) {
            if (rule.disabledBecause() != null) {
                continue;
            }
            try {
                if (!rule.conditionHolds(text)) {
                    continue;
                }
                RuleMatch matcher = rule.match(text);
                if (matcher == null) {
                    continue;
                }
                if (rule.excluded(text)) {
                    return RuleResult.ignored(rule.name(), "excluded", "the rule's exclude expression matched");
                }
                return extract(rule, matcher, message, sender, track);
            } catch (BudgetedText.Exceeded e) {
                if (!track) {
                    return RuleResult.rejected(rule.name(), "regex_budget_exceeded", e.getMessage());
                }
                if (rule.disable(e.getMessage() + " (" + text.length() + " characters); fix and save the rule")) {
                    LOG.warnf("syslog rule %s disabled: %s", rule.name(), rule.disabledBecause());
                }
                // The message is offered to the remaining rules.
            }
        }
        return RuleResult.UNMATCHED;
    }

    private RuleResult extract(
            CompiledRule rule, RuleMatch matcher, SyslogMessage message, String sender, boolean track) {
        String name = rule.name();
        Operation operation = rule.definition().operation();
        String rawUser = clean(rule.group(matcher, "user"));
        String domain = clean(rule.group(matcher, "domain"));
        if (rawUser == null) {
            return RuleResult.rejected(name, "no_user", "the user group is empty");
        }
        UserNames.UserDomain split = UserNames.split(rawUser, domain);
        String user = clean(split.user());
        domain = clean(split.domain());
        if (user == null) {
            return RuleResult.rejected(name, "no_user", "the user group holds no user name: " + abbreviate(rawUser));
        }
        if (rule.skipsUser(user) || rule.skipsUser(rawUser)) {
            return RuleResult.ignored(name, "skipped_user", "user " + abbreviate(rawUser) + " is skipped by this rule");
        }
        if (user.length() > MAX_VALUE_LENGTH || (domain != null && domain.length() > MAX_VALUE_LENGTH)) {
            return RuleResult.rejected(name, "too_long", "user or domain longer than " + MAX_VALUE_LENGTH);
        }
        String host = message.hostname() != null ? message.hostname() : sender;
        String session = clean(rule.group(matcher, "session"));
        String rawIp = clean(rule.group(matcher, "ip"));
        String ip;
        if (rawIp == null && operation == Operation.LOGOFF && session != null) {
            ip = track ? sessions.logoff(host, session) : null;
            if (ip == null) {
                return RuleResult.rejected(
                        name, "unknown_session", "no address is known for logon id " + abbreviate(session));
            }
        } else {
            try {
                ip = UsableAddresses.normalize(rawIp);
            } catch (UsableAddresses.InvalidIpException e) {
                return RuleResult.rejected(name, e.code(), e.getMessage());
            }
            if (track && session != null) {
                if (operation == Operation.LOGON) {
                    sessions.logon(host, session, ip);
                } else {
                    sessions.logoff(host, session);
                }
            }
        }
        Instant timestamp = Timestamps.parse(rule.group(matcher, "timestamp"));
        if (timestamp == null && message.format() == SyslogFormat.RFC5424) {
            // Only RFC 5424 headers carry a zone; BSD header times are local to the sender.
            timestamp = message.timestamp();
        }
        String device = clean(rule.group(matcher, "device"));
        if (device != null && device.length() > MAX_VALUE_LENGTH) {
            device = null;
        }
        return RuleResult.matched(name, new ExtractedIdentity(operation, user, domain, ip, device, timestamp));
    }

    /** Trims, removes surrounding quotes; blank and "-" become null. */
    static String clean(String value) {
        if (value == null) {
            return null;
        }
        String text = value.trim();
        if (text.length() >= 2
                && ((text.startsWith("\"") && text.endsWith("\"")) || (text.startsWith("'") && text.endsWith("'")))) {
            text = text.substring(1, text.length() - 1).trim();
        }
        return text.isEmpty() || "-".equals(text) ? null : text;
    }

    private static String abbreviate(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "..." : value;
    }
}

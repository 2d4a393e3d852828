package io.openjims.collector.syslog.rules;

import io.openjims.model.Operation;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** A validated rule with its regexes compiled. Immutable and thread-safe. */
public final class CompiledRule {

    static final Set<String> KNOWN_GROUPS = Set.of("user", "domain", "ip", "device", "timestamp", "session");
    private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");
    private static final int MAX_NAME = 100;
    private static final int MAX_REGEX = 4000;

    private final RuleDefinition definition;
    private final Pattern condition;
    private final Pattern pattern;
    private final Pattern exclude;
    private final Pattern skipUsers;
    private final Set<String> groups;

    private CompiledRule(RuleDefinition definition) {
        this.definition = definition;
        if (definition.name() == null
                || definition.name().isBlank()
                || definition.name().length() > MAX_NAME) {
            throw new InvalidRuleException("name is required (at most " + MAX_NAME + " characters)");
        }
        if (!definition.name().matches("[A-Za-z0-9._-]+")) {
            throw new InvalidRuleException("name may only use letters, digits, '.', '_' and '-'");
        }
        if (definition.operation() == null) {
            throw new InvalidRuleException("operation must be logon or logoff");
        }
        if (definition.conditionType() == null) {
            throw new InvalidRuleException("condition_type must be substring or regex");
        }
        if (definition.condition() == null || definition.condition().isEmpty()) {
            throw new InvalidRuleException("condition is required (a substring or a regex every taken message has)");
        }
        this.condition =
                definition.conditionType() == ConditionType.REGEX ? compile("condition", definition.condition()) : null;
        if (definition.pattern() == null || definition.pattern().isEmpty()) {
            throw new InvalidRuleException("pattern is required (a regex with named groups user and ip)");
        }
        this.pattern = compile("pattern", definition.pattern());
        this.exclude = blank(definition.exclude()) ? null : compile("exclude", definition.exclude());
        this.skipUsers = blank(definition.skipUsers())
                ? null
                : compileFlags("skip_users", definition.skipUsers(), Pattern.CASE_INSENSITIVE);
        this.groups = namedGroups(definition.pattern());
        if (!groups.contains("user")) {
            throw new InvalidRuleException("pattern needs a named group (?<user>...)");
        }
        if (!groups.contains("ip") && !(definition.operation() == Operation.LOGOFF && groups.contains("session"))) {
            throw new InvalidRuleException(
                    "pattern needs a named group (?<ip>...) (a logoff rule may use (?<session>...) instead)");
        }
    }

    /** Validates and compiles; throws {@link InvalidRuleException} naming the problem. */
    public static CompiledRule compile(RuleDefinition definition) {
        return new CompiledRule(definition);
    }

    public RuleDefinition definition() {
        return definition;
    }

    public String name() {
        return definition.name();
    }

    boolean conditionHolds(String text) {
        return condition == null
                ? text.contains(definition.condition())
                : condition.matcher(text).find();
    }

    /** The pattern's match in the text, or null. */
    Matcher match(String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher : null;
    }

    boolean excluded(String text) {
        return exclude != null && exclude.matcher(text).find();
    }

    boolean skipsUser(String user) {
        return skipUsers != null && skipUsers.matcher(user).matches();
    }

    /** The named group's value, or null when the pattern has no such group or it did not take part. */
    String group(Matcher matcher, String name) {
        return groups.contains(name) ? matcher.group(name) : null;
    }

    private static Set<String> namedGroups(String regex) {
        Set<String> names = new HashSet<>();
        Matcher matcher = NAMED_GROUP.matcher(regex);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static Pattern compile(String field, String regex) {
        return compileFlags(field, regex, 0);
    }

    private static Pattern compileFlags(String field, String regex, int flags) {
        if (regex.length() > MAX_REGEX) {
            throw new InvalidRuleException(field + " is longer than " + MAX_REGEX + " characters");
        }
        try {
            return Pattern.compile(regex, flags);
        } catch (PatternSyntaxException e) {
            throw new InvalidRuleException(field + " is not a valid regular expression: " + e.getDescription()
                    + " near index " + e.getIndex());
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}

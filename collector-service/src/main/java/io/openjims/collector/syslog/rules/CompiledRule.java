package io.openjims.collector.syslog.rules;

import io.openjims.model.Operation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
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
    /** Literal text every match of the regex condition contains: a line without it is rejected without the regex. */
    private final List<String> requiredLiterals;

    private final Pattern pattern;
    /** "login"/"logout" when the condition is the generic key=value one (read by {@link KeyValueRules}). */
    private final String keyValueAction;
    /** The pattern is the generic key=value one (read by {@link KeyValueRules}). */
    private final boolean keyValuePattern;

    private final Pattern exclude;
    private final Pattern skipUsers;
    private final Set<String> groups;
    /** Character reads each of this rule's regexes may make on one message. */
    private final long regexBudget;
    /** Why this rule stopped taking messages while running (its regex ran out of budget), or null. */
    private final AtomicReference<String> disabledBecause = new AtomicReference<>();

    private CompiledRule(RuleDefinition definition, long regexBudget) {
        this.definition = definition;
        this.regexBudget = regexBudget;
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
        this.requiredLiterals = condition == null ? List.of() : requiredLiterals(definition.condition());
        if (definition.pattern() == null || definition.pattern().isEmpty()) {
            throw new InvalidRuleException("pattern is required (a regex with named groups user and ip)");
        }
        this.pattern = compile("pattern", definition.pattern());
        this.keyValueAction = condition == null ? null : KeyValueRules.conditionAction(definition.condition());
        this.keyValuePattern = KeyValueRules.isPattern(definition.pattern());
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
        return new CompiledRule(definition, BudgetedText.DEFAULT_BUDGET);
    }

    /** As {@link #compile(RuleDefinition)}, with another budget of character reads per regex and message. */
    static CompiledRule compile(RuleDefinition definition, long regexBudget) {
        return new CompiledRule(definition, regexBudget);
    }

    /**
     * Why the rule no longer takes messages, or null while it does: set when one of its regexes runs out of budget
     * on a message; a rule saved again (or a restart) starts afresh.
     */
    public String disabledBecause() {
        return disabledBecause.get();
    }

    /** Takes the rule out of service; true for the call that did it. */
    boolean disable(String reason) {
        return disabledBecause.compareAndSet(null, reason);
    }

    public RuleDefinition definition() {
        return definition;
    }

    public String name() {
        return definition.name();
    }

    boolean conditionHolds(String text) {
        if (condition == null) {
            return text.contains(definition.condition());
        }
        if (keyValueAction != null) {
            Boolean holds = KeyValueRules.conditionHolds(text, keyValueAction);
            if (holds != null) {
                return holds;
            }
        }
        for (int i = 0; i < requiredLiterals.size(); i++) {
            if (!text.contains(requiredLiterals.get(i))) {
                return false;
            }
        }
        return condition.matcher(budgeted(text)).find();
    }

    private CharSequence budgeted(String text) {
        return new BudgetedText(text, regexBudget);
    }

    /**
     * Runs of plain characters (at least 3) that every match of the regex contains, found conservatively: only at the
     * top level of a regex without top-level alternation or inline flags; groups, classes, escapes other than escaped
     * punctuation, and characters followed by a quantifier end a run. Empty when nothing is certain.
     */
    /** Escapes of one letter that stand for a class, a boundary or a control character (never plain text). */
    private static final String SINGLE_ESCAPES = "dDsSwWbBtnrfaeRhHvVXGAzZ";

    static List<String> requiredLiterals(String regex) {
        if (regex.contains("(?i") || regex.contains("\\Q") || regex.matches("(?s).*\\(\\?[a-zA-Z]*[imsuxUd].*")) {
            return List.of();
        }
        List<String> literals = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        int depth = 0;
        int i = 0;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (depth > 0) {
                if (c == '\\') {
                    i += 2;
                    continue;
                }
                if (c == '[') {
                    i = skipClass(regex, i);
                    if (i < 0) {
                        return List.of();
                    }
                    continue;
                }
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                }
                i++;
                continue;
            }
            if (c == '|') {
                return List.of();
            }
            char literal;
            int next;
            if (c == '\\') {
                if (i + 1 >= regex.length()) {
                    return List.of();
                }
                char escaped = regex.charAt(i + 1);
                if (Character.isLetterOrDigit(escaped)) {
                    if (SINGLE_ESCAPES.indexOf(escaped) < 0) {
                        // \x41, \u0041, \0101, \1 (back reference), \p{..}, \k<..>, \cX: not worth reading.
                        return List.of();
                    }
                    endRun(run, literals);
                    i += 2;
                    continue;
                }
                literal = escaped;
                next = i + 2;
            } else if (c == '[') {
                endRun(run, literals);
                i = skipClass(regex, i);
                if (i < 0) {
                    return List.of();
                }
                continue;
            } else if (c == '(') {
                endRun(run, literals);
                depth++;
                i++;
                continue;
            } else if (c == '{') {
                // A quantifier's bounds.
                endRun(run, literals);
                int close = regex.indexOf('}', i);
                if (close < 0) {
                    return List.of();
                }
                i = close + 1;
                continue;
            } else if (".^$)?*+}".indexOf(c) >= 0) {
                endRun(run, literals);
                i++;
                continue;
            } else {
                literal = c;
                next = i + 1;
            }
            if (next < regex.length() && "?*+{".indexOf(regex.charAt(next)) >= 0) {
                // The character may be absent or repeated: the run ends before it.
                endRun(run, literals);
            } else {
                run.append(literal);
            }
            i = next;
        }
        endRun(run, literals);
        return List.copyOf(literals);
    }

    /** Returns the index after the character class starting at {@code start}, or -1 when it does not end. */
    private static int skipClass(String regex, int start) {
        int i = start + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++;
        }
        int nested = 0;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[') {
                nested++;
            } else if (c == ']') {
                if (nested == 0) {
                    return i + 1;
                }
                nested--;
            }
            i++;
        }
        return -1;
    }

    private static void endRun(StringBuilder run, List<String> literals) {
        if (run.length() >= 3) {
            literals.add(run.toString());
        }
        run.setLength(0);
    }

    /** The pattern's match in the text, or null. */
    RuleMatch match(String text) {
        if (keyValuePattern) {
            KeyValueRules.Values values = KeyValueRules.match(text);
            return values == null ? null : values::group;
        }
        Matcher matcher = pattern.matcher(budgeted(text));
        return matcher.find() ? matcher::group : null;
    }

    boolean excluded(String text) {
        return exclude != null && exclude.matcher(budgeted(text)).find();
    }

    boolean skipsUser(String user) {
        return skipUsers != null && skipUsers.matcher(budgeted(user)).matches();
    }

    /** The named group's value, or null when the pattern has no such group or it did not take part. */
    String group(RuleMatch match, String name) {
        return groups.contains(name) ? match.group(name) : null;
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

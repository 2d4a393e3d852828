package io.openjims.collector.syslog.rules;

/**
 * The generic key=value rules' condition ({@code (?:^|[\s,;])action="?login\b}) and pattern (see
 * {@link BuiltInRules#kvPattern()}) read by hand, several times faster than java.util.regex and with the same result:
 * a rule uses this only when its condition or pattern is exactly that text, and every other rule keeps its regex.
 *
 * <p>The pattern is {@code ^} followed by one lookahead per key, {@code .*?(?:^|[\s,;])key="?(?<key>[^"\s,;]+)}: the
 * first position where the key starts the line or follows a separator (the lazy {@code .*?} stops at the first line
 * terminator, as {@code .} without DOTALL does), with a value of at least one character that is neither quote,
 * whitespace ({@code \s}: space, \t, \n, \x0B, \f, \r), comma nor semicolon, after an optional opening quote.
 */
final class KeyValueRules {

    private static final String LOGIN_CONDITION = BuiltInRules.KV_START + "action=\"?login\\b";
    private static final String LOGOUT_CONDITION = BuiltInRules.KV_START + "action=\"?logout\\b";
    private static final String PATTERN = BuiltInRules.kvPattern();
    private static final String ACTION = "action=";

    private KeyValueRules() {}

    /** The action a condition text asks for ("login", "logout"), or null when it is not one of the two. */
    static String conditionAction(String condition) {
        if (LOGIN_CONDITION.equals(condition)) {
            return "login";
        }
        if (LOGOUT_CONDITION.equals(condition)) {
            return "logout";
        }
        return null;
    }

    static boolean isPattern(String pattern) {
        return PATTERN.equals(pattern);
    }

    /**
     * Whether {@code (?:^|[\s,;])action="?<action>\b} is found in the text; null when a character after the action
     * is not ASCII (the regex decides: its idea of a word character there depends on the Java version).
     */
    static Boolean conditionHolds(String text, String action) {
        int n = text.length();
        int from = 0;
        int at;
        while ((at = text.indexOf(ACTION, from)) >= 0) {
            if (at == 0 || separator(text.charAt(at - 1))) {
                int p = at + ACTION.length();
                if (p < n && text.charAt(p) == '"') {
                    p++;
                }
                if (text.startsWith(action, p)) {
                    int q = p + action.length();
                    if (q == n) {
                        return Boolean.TRUE;
                    }
                    char c = text.charAt(q);
                    if (c >= 0x80) {
                        return null;
                    }
                    if (!asciiWord(c)) {
                        return Boolean.TRUE;
                    }
                }
            }
            from = at + 1;
        }
        return Boolean.FALSE;
    }

    /** The pattern's groups, or null when user or ip is missing (the regex finds no match then). */
    static Values match(String text) {
        int terminator = firstLineTerminator(text);
        String user = value(text, "user=", terminator);
        if (user == null) {
            return null;
        }
        String ip = value(text, "ip=", terminator);
        if (ip == null) {
            return null;
        }
        return new Values(user, ip, value(text, "domain=", terminator), value(text, "device=", terminator));
    }

    /** The groups of one match. */
    record Values(String user, String ip, String domain, String device) {

        String group(String name) {
            return switch (name) {
                case "user" -> user;
                case "ip" -> ip;
                case "domain" -> domain;
                case "device" -> device;
                default -> null;
            };
        }
    }

    /**
     * The first value of the key as the lookahead finds it, or null. The lookahead tries key positions from the left:
     * the line start ({@code ^}) or just after a separator at j, where {@code .*?} must first consume text[0, j), so
     * j may not lie beyond the first line terminator.
     */
    static String value(String text, String keyAndEquals, int firstLineTerminator) {
        int at = text.indexOf(keyAndEquals);
        while (at >= 0) {
            if (at == 0 || (at - 1 <= firstLineTerminator && separator(text.charAt(at - 1)))) {
                String value = valueAt(text, at + keyAndEquals.length());
                if (value != null) {
                    return value;
                }
            } else if (at - 1 > firstLineTerminator) {
                return null;
            }
            at = text.indexOf(keyAndEquals, at + 1);
        }
        return null;
    }

    /** The value after {@code key=}: an optional opening quote, then at least one character outside the class. */
    private static String valueAt(String text, int from) {
        int n = text.length();
        int start = from;
        if (start < n && text.charAt(start) == '"') {
            // Without the quote the value would start with it, which the class excludes.
            start++;
        }
        int end = start;
        while (end < n && !excluded(text.charAt(end))) {
            end++;
        }
        return end > start ? text.substring(start, end) : null;
    }

    /** Index of the first character {@code .} does not match, or the text's length. */
    static int firstLineTerminator(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            if (lineTerminator(text.charAt(i))) {
                return i;
            }
        }
        return text.length();
    }

    /** {@code [\s,;]}. */
    private static boolean separator(char c) {
        return c == ' ' || c == ',' || c == ';' || (c >= '\t' && c <= '\r');
    }

    /** {@code ["\s,;]}. */
    private static boolean excluded(char c) {
        return c == '"' || separator(c);
    }

    /** What {@code .} does not match without DOTALL. */
    private static boolean lineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    private static boolean asciiWord(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
}

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
        String user = value(text, "user");
        if (user == null) {
            return null;
        }
        String ip = value(text, "ip");
        if (ip == null) {
            return null;
        }
        return new Values(user, ip, value(text, "domain"), value(text, "device"));
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

    /** The first value of the key as the lookahead finds it, or null. */
    static String value(String text, String key) {
        int n = text.length();
        // j = -1: the key at the line start (^); j >= 0: the key after a separator at j. Reaching j + 1 needs .*? to
        // consume text[j], which it cannot when it is a line terminator.
        for (int j = -1; j < n; j++) {
            int start = j < 0 ? 0 : separator(text.charAt(j)) ? j + 1 : -1;
            if (start >= 0) {
                String value = valueAt(text, start, key);
                if (value != null) {
                    return value;
                }
            }
            if (j >= 0 && lineTerminator(text.charAt(j))) {
                break;
            }
        }
        return null;
    }

    private static String valueAt(String text, int start, String key) {
        int n = text.length();
        int keyEnd = start + key.length();
        if (keyEnd >= n || !text.startsWith(key, start) || text.charAt(keyEnd) != '=') {
            return null;
        }
        int from = keyEnd + 1;
        if (from < n && text.charAt(from) == '"') {
            // Without the quote the value would start with it, which the class excludes.
            from++;
        }
        int end = from;
        while (end < n && !excluded(text.charAt(end))) {
            end++;
        }
        return end > from ? text.substring(from, end) : null;
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

package io.openjims.query.view.service;

import io.openjims.model.IdentityText;
import io.openjims.model.contract.IpAddresses;
import io.openjims.query.view.model.IgnoreRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The ignore lists, without I/O: users (a glob over the account name, {@code *} any characters, {@code ?} one,
 * case-insensitive, e.g. {@code svc-*} or {@code *$} for computer accounts) and addresses (an IP or a CIDR prefix)
 * whose logons never create or replace a session.
 */
public final class IgnoreRules {

    public static final String USER = "user";
    public static final String ADDRESS = "address";
    public static final int MAX_PATTERN = 256;

    public static final IgnoreRules NONE = new IgnoreRules(List.of());

    private record Compiled(IgnoreRule rule, Pattern user, AddressPattern address) {}

    private final List<Compiled> rules;

    private IgnoreRules(List<Compiled> rules) {
        this.rules = rules;
    }

    /** Compiles stored rules; a rule that no longer parses is skipped. */
    public static IgnoreRules of(List<IgnoreRule> stored) {
        List<Compiled> compiled = new ArrayList<>(stored.size());
        for (IgnoreRule r : stored) {
            if (problem(r.kind(), r.pattern()) != null) {
                continue;
            }
            compiled.add(
                    USER.equals(r.kind())
                            ? new Compiled(r, glob(r.pattern()), null)
                            : new Compiled(r, null, AddressPattern.parse(r.pattern())));
        }
        return new IgnoreRules(List.copyOf(compiled));
    }

    /** The first rule that ignores a logon of {@code user} at {@code ip} (canonical form), or null. */
    public IgnoreRule match(String ip, String user) {
        if (rules.isEmpty()) {
            return null;
        }
        byte[] address = IpAddresses.parse(ip);
        for (Compiled c : rules) {
            if (c.user() != null) {
                if (user != null && c.user().matcher(user).matches()) {
                    return c.rule();
                }
            } else if (address != null && c.address().matches(address)) {
                return c.rule();
            }
        }
        return null;
    }

    /** The canonical form of a pattern: user globs in lower case, addresses canonical; assumes no problem. */
    public static String canonical(String kind, String pattern) {
        String p = pattern.trim();
        if (USER.equals(kind)) {
            return p.toLowerCase(Locale.ROOT);
        }
        int slash = p.indexOf('/');
        String address = IpAddresses.canonicalOrNull(slash < 0 ? p : p.substring(0, slash));
        return slash < 0 ? address : address + p.substring(slash);
    }

    /** What is wrong with a rule, or null when it is valid. */
    public static String problem(String kind, String pattern) {
        if (!USER.equals(kind) && !ADDRESS.equals(kind)) {
            return "kind must be \"user\" or \"address\"";
        }
        if (pattern == null || pattern.isBlank()) {
            return "pattern is required";
        }
        String p = pattern.trim();
        if (p.length() > MAX_PATTERN) {
            return "pattern is longer than " + MAX_PATTERN + " characters";
        }
        if (IdentityText.problem(p, MAX_PATTERN) != null) {
            return "pattern contains a control character or is not valid text";
        }
        if (USER.equals(kind)) {
            return p.chars().allMatch(ch -> ch == '*') ? "a user pattern of only * would ignore everyone" : null;
        }
        int slash = p.indexOf('/');
        if (slash >= 0 && !p.substring(slash + 1).matches("\\d{1,3}")) {
            return "an address pattern is an IP address or a CIDR prefix such as 10.0.0.0/24";
        }
        try {
            AddressPattern.parse(p);
        } catch (IllegalArgumentException e) {
            return "an address pattern is an IP address or a CIDR prefix such as 10.0.0.0/24 (" + e.getMessage() + ")";
        }
        return null;
    }

    static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char ch : pattern.trim().toCharArray()) {
            switch (ch) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }
}

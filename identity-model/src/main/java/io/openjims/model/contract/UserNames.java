package io.openjims.model.contract;

/**
 * The user/domain split every service applies to a user name that may carry its domain ({@code DOMAIN\\user} or
 * {@code user@domain}):
 *
 * <ul>
 *   <li>blanks around the parts are removed; an empty part counts as absent;
 *   <li>{@code DOMAIN\\user} (exactly one backslash) gives domain {@code DOMAIN} and user {@code user}, and the user
 *       part may then still be {@code user@domain} (split as below, the backslash domain wins);
 *   <li>{@code user@domain} (exactly one {@code @}, not the first character) gives user and domain;
 *   <li>a name with more than one backslash or more than one {@code @} is kept whole: it is not ours to guess;
 *   <li>a domain given on its own wins over one embedded in the name; the embedded one is removed from the user
 *       either way.
 * </ul>
 *
 * The split is idempotent: splitting its result again changes nothing, so a consumer may re-apply it to what a
 * producer already split.
 */
public final class UserNames {

    private UserNames() {}

    /** A user and its domain; either may be null. */
    public record UserDomain(String user, String domain) {}

    /** Splits {@code name}; {@code domain} is the separately given domain, or null. */
    public static UserDomain split(String name, String domain) {
        String user = trimToNull(name);
        String given = trimToNull(domain);
        String embedded = null;
        if (user != null) {
            int backslash = user.indexOf('\\');
            if (backslash >= 0 && backslash == user.lastIndexOf('\\')) {
                embedded = trimToNull(user.substring(0, backslash));
                user = trimToNull(user.substring(backslash + 1));
            }
        }
        if (user != null) {
            int at = user.indexOf('@');
            if (at > 0 && at == user.lastIndexOf('@') && user.indexOf('\\') < 0) {
                String atDomain = trimToNull(user.substring(at + 1));
                embedded = embedded != null ? embedded : atDomain;
                user = trimToNull(user.substring(0, at));
            }
        }
        return new UserDomain(user, given != null ? given : embedded);
    }

    private static String trimToNull(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }
}

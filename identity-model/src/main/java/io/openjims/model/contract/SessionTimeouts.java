package io.openjims.model.contract;

/**
 * The authentication entry timeout as the SRX JIMS profile defines it, for producers, the view and the admin setting
 * alike: {@link #NEVER} (0) means the entry never expires, otherwise {@link #MIN}..{@link #MAX} minutes. On the wire
 * ({@code IdentityEvent.timeoutMinutes}) null means "the view's default".
 */
public final class SessionTimeouts {

    /** The entry never expires. */
    public static final int NEVER = 0;

    public static final int MIN = 10;
    public static final int MAX = 1440;

    /** The rule in words, for error messages. */
    public static final String RULE = "0 (never expire) or " + MIN + ".." + MAX + " minutes";

    private SessionTimeouts() {}

    /** Whether {@code minutes} is 0 or within {@link #MIN}..{@link #MAX}. */
    public static boolean valid(long minutes) {
        return minutes == NEVER || (minutes >= MIN && minutes <= MAX);
    }
}

package io.openjims.collector.directory.ldap;

/** A directory could not be read; the message says why in words an admin can act on (never a password). */
public class DirectoryFailure extends Exception {

    /** What kind of failure, as the test-connection API names it. */
    public enum Reason {
        UNREACHABLE("unreachable"),
        TIMEOUT("timeout"),
        TLS_FAILED("tls_failed"),
        BIND_FAILED("bind_failed"),
        BASE_DN_NOT_FOUND("base_dn_not_found"),
        FAILED("failed");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;

    public DirectoryFailure(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public DirectoryFailure(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public DirectoryFailure(String message, Throwable cause) {
        this(Reason.FAILED, message, cause);
    }

    public DirectoryFailure(String message) {
        this(Reason.FAILED, message);
    }

    public Reason reason() {
        return reason;
    }
}

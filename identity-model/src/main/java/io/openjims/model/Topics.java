package io.openjims.model;

import java.util.Locale;

/** Default topic names (each service lets them be overridden by configuration) and record keys. */
public final class Topics {

    /** Logon and logoff events; key: IP address; delete policy, 7 days. */
    public static final String EVENTS = "identity.events";

    /** Directory objects; key: {@code domain/kind/guid}; compacted, null value when deleted. */
    public static final String DIRECTORY = "identity.directory";

    /** Collector heartbeats; key: collector id; compacted. */
    public static final String COLLECTORS = "identity.collectors";

    /** Current sessions from query-service's change log; key: IP address; compacted, null value when ended. */
    public static final String SESSIONS = "identity.sessions";

    /**
     * Revoked API clients, written by query-service and read by every service that verifies tokens; key: client id;
     * compacted, never a null value (one record per client ever deleted or rotated).
     */
    public static final String TOKEN_REVOCATIONS = "identity.token-revocations";

    private Topics() {}

    /** The record key of a directory object: {@code domain/kind/identifier}, domain in lower case. */
    public static String directoryKey(String domain, DirectoryObjectKind kind, String identifier) {
        return domain.toLowerCase(Locale.ROOT) + "/" + kind.wireName() + "/" + identifier;
    }
}

package io.openjims.model;

import java.time.Instant;

/**
 * Tokens of one API client issued under a secret set before {@code notBefore} are no longer accepted. Value of
 * {@link Topics#TOKEN_REVOCATIONS} (compacted), keyed by {@link #key()}; a newer record of a client replaces the older.
 *
 * @param notBefore when the client was deleted, or when its current secret was set (a token's {@code sat} claim)
 * @param reason {@code deleted}, {@code rotated} or {@code reset} (the configured admin secret forced back)
 */
public record TokenRevocation(String id, int schema, String clientId, Instant notBefore, String reason) {

    public static final int SCHEMA_VERSION = 1;

    /** Kafka record key: the client id. */
    public String key() {
        return clientId;
    }
}

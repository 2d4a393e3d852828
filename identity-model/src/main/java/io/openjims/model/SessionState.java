package io.openjims.model;

import java.time.Instant;
import java.util.List;

/**
 * A current session as query-service sees it, roles and expiry applied. Value of {@link Topics#SESSIONS}
 * (compacted), keyed by {@link #key()}; a null value means the session at that address ended.
 *
 * @param id idempotency key: the change that produced this state
 * @param schema wire version, {@link #SCHEMA_VERSION} when written by this code
 * @param roles every group of the user (nested membership resolved) plus roles asserted by the producer
 * @param changeSeq sequence number of the change-log row this state was published from
 */
public record SessionState(
        String id,
        int schema,
        String ip,
        String domain,
        String user,
        List<String> roles,
        Device device,
        String posture,
        EventSource source,
        Instant logonAt,
        Instant expiresAt,
        long changeSeq) {

    public static final int SCHEMA_VERSION = 1;

    /** Kafka record key: the IP address in text form. */
    public String key() {
        return ip;
    }
}

package io.openjims.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.time.Instant;
import java.util.List;

/**
 * A logon or logoff observed by a collector. Value of {@link Topics#EVENTS}, keyed by {@link #key()}.
 *
 * @param id idempotency key, unique per observation
 * @param schema wire version, {@link #SCHEMA_VERSION} when written by this code
 * @param roles roles asserted by the producer itself (for example an SRX Web API role-list)
 * @param timeoutMinutes session timeout the producer asked for, or null for the configured default
 * @param occurredAt when the producer says it happened
 * @param receivedAt when the collector accepted it
 * @param sessionId the producer's own id of the session (RADIUS Acct-Session-Id), or null when it has none: a logoff
 *     naming another session than the current one of the address does not end it (optional, added in schema 1
 *     without a version change: readers that do not know it ignore it)
 */
public record IdentityEvent(
        String id,
        int schema,
        Operation operation,
        String ip,
        String domain,
        String user,
        List<String> roles,
        Device device,
        String posture,
        Integer timeoutMinutes,
        EventSource source,
        Instant occurredAt,
        Instant receivedAt,
        String sessionId) {

    public static final int SCHEMA_VERSION = 1;

    @JsonCreator
    public IdentityEvent {}

    /** An event without a session id (every producer but RADIUS). */
    public IdentityEvent(
            String id,
            int schema,
            Operation operation,
            String ip,
            String domain,
            String user,
            List<String> roles,
            Device device,
            String posture,
            Integer timeoutMinutes,
            EventSource source,
            Instant occurredAt,
            Instant receivedAt) {
        this(
                id,
                schema,
                operation,
                ip,
                domain,
                user,
                roles,
                device,
                posture,
                timeoutMinutes,
                source,
                occurredAt,
                receivedAt,
                null);
    }

    /** The same event with other times (a time too far ahead replaced by the receive time, say). */
    public IdentityEvent withTimes(Instant newOccurredAt, Instant newReceivedAt) {
        return new IdentityEvent(
                id,
                schema,
                operation,
                ip,
                domain,
                user,
                roles,
                device,
                posture,
                timeoutMinutes,
                source,
                newOccurredAt,
                newReceivedAt,
                sessionId);
    }

    /** The same event with other producer-asserted roles (null: none). */
    public IdentityEvent withRoles(List<String> newRoles) {
        return new IdentityEvent(
                id,
                schema,
                operation,
                ip,
                domain,
                user,
                newRoles,
                device,
                posture,
                timeoutMinutes,
                source,
                occurredAt,
                receivedAt,
                sessionId);
    }

    /** Kafka record key: the IP address in text form, so all events of one address stay in order. */
    public String key() {
        return ip;
    }
}

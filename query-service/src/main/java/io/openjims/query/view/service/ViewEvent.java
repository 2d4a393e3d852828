package io.openjims.query.view.service;

import io.openjims.model.Operation;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * An identity event after normalization: canonical IP, DNS domain (aliases resolved), trimmed user name.
 *
 * @param deviceJson the device in its wire JSON form, or null
 * @param sessionId the producer's id of the session (RADIUS Acct-Session-Id), or null
 * @param timeoutMinutes the event's own timeout (0: never expires, else 10..1440), or null for the default
 */
public record ViewEvent(
        String id,
        Operation operation,
        String ip,
        String domain,
        String user,
        List<String> roles,
        String deviceJson,
        String posture,
        Integer timeoutMinutes,
        String sourceKind,
        String sourceCollector,
        String sourceName,
        Instant occurredAt,
        String sessionId) {

    /** An event without a session id. */
    public ViewEvent(
            String id,
            Operation operation,
            String ip,
            String domain,
            String user,
            List<String> roles,
            String deviceJson,
            String posture,
            Integer timeoutMinutes,
            String sourceKind,
            String sourceCollector,
            String sourceName,
            Instant occurredAt) {
        this(
                id,
                operation,
                ip,
                domain,
                user,
                roles,
                deviceJson,
                posture,
                timeoutMinutes,
                sourceKind,
                sourceCollector,
                sourceName,
                occurredAt,
                null);
    }

    public String userLc() {
        return user.toLowerCase(Locale.ROOT);
    }
}

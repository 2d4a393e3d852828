package io.openjims.query.view.model;

import java.time.Instant;
import java.util.List;

/**
 * One row of {@code query.session}: the current (or last) entry at an IP address.
 *
 * @param stateAt event time of the last applied event (logon or matching logoff), so older events are ignored
 * @param timeoutMinutes the event's own timeout, or null for the configured default
 * @param sessionId the producer's id of the session (RADIUS Acct-Session-Id) of the last logon, or null
 */
public record SessionRow(
        String ip,
        boolean active,
        String domain,
        String user,
        List<String> assertedRoles,
        List<String> roles,
        String deviceJson,
        String posture,
        String sourceKind,
        String sourceCollector,
        String sourceName,
        Instant logonAt,
        Instant stateAt,
        Integer timeoutMinutes,
        Instant expiresAt,
        String lastEventId,
        String sessionId) {

    public String userLc() {
        return user == null ? null : user.toLowerCase(java.util.Locale.ROOT);
    }

    public SessionRow withRoles(List<String> newRoles) {
        return new SessionRow(
                ip,
                active,
                domain,
                user,
                assertedRoles,
                newRoles,
                deviceJson,
                posture,
                sourceKind,
                sourceCollector,
                sourceName,
                logonAt,
                stateAt,
                timeoutMinutes,
                expiresAt,
                lastEventId,
                sessionId);
    }

    public SessionRow ended(Instant at, String eventId) {
        return new SessionRow(
                ip,
                false,
                domain,
                user,
                assertedRoles,
                roles,
                deviceJson,
                posture,
                sourceKind,
                sourceCollector,
                sourceName,
                logonAt,
                at,
                timeoutMinutes,
                expiresAt,
                eventId,
                sessionId);
    }
}

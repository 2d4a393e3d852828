package io.openjims.query.view.model;

import java.time.Instant;
import java.util.List;

/**
 * A visible change to append to {@code query.change_log}; the sequence number and change time are assigned when it
 * is written.
 *
 * @param changeId idempotency id: the event id, or a generated id for expiries and role changes
 * @param operation {@code logon} or {@code logoff}
 * @param eventTime the item's timestamp: when the logon/logoff happened, or when the server made the change
 */
public record ChangeRow(
        String changeId,
        String operation,
        String ip,
        String domain,
        String user,
        List<String> roles,
        String deviceJson,
        String posture,
        String sourceKind,
        String sourceCollector,
        String sourceName,
        Instant eventTime,
        Instant logonAt,
        Instant expiresAt) {

    public static final String LOGON = "logon";
    public static final String LOGOFF = "logoff";
    public static final String EXPIRY_SOURCE = "expiry";
    public static final String ADMIN_SOURCE = "admin";

    /** A logon change describing the session as it now is. */
    public static ChangeRow logon(String changeId, SessionRow s, Instant eventTime) {
        return new ChangeRow(
                changeId,
                LOGON,
                s.ip(),
                s.domain(),
                s.user(),
                s.roles(),
                s.deviceJson(),
                s.posture(),
                s.sourceKind(),
                s.sourceCollector(),
                s.sourceName(),
                eventTime,
                s.logonAt(),
                s.expiresAt());
    }

    /** A logoff change ending the given session. */
    public static ChangeRow logoff(
            String changeId,
            SessionRow s,
            Instant eventTime,
            String sourceKind,
            String sourceCollector,
            String sourceName) {
        return new ChangeRow(
                changeId,
                LOGOFF,
                s.ip(),
                s.domain(),
                s.user(),
                null,
                null,
                null,
                sourceKind,
                sourceCollector,
                sourceName,
                eventTime,
                s.logonAt(),
                null);
    }
}

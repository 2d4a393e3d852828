package io.openjims.query.view.model;

import java.time.Instant;

/** One row of {@code query.session_decision}: what the view's rules did with one event of an address. */
public record Decision(
        String ip,
        Instant eventTime,
        String operation,
        String domain,
        String user,
        String sourceKind,
        String sourceCollector,
        String sourceName,
        String sessionId,
        String rule,
        String detail) {

    /** A decision the server made about a session itself (expiry, an admin's logoff). */
    public static Decision server(SessionRow s, Instant at, String sourceKind, String rule, String detail) {
        return new Decision(
                s.ip(), at, ChangeRow.LOGOFF, s.domain(), s.user(), sourceKind, null, null, null, rule, detail);
    }
}

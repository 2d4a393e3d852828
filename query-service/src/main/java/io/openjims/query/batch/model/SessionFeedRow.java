package io.openjims.query.batch.model;

/**
 * A row of {@code query.session} as the session index reads it; times in epoch milliseconds, {@code expiresAtMillis}
 * {@link Long#MAX_VALUE} when the session never expires.
 */
public record SessionFeedRow(
        String ip,
        boolean active,
        String domain,
        String userName,
        String userLc,
        String[] roles,
        String deviceJson,
        String posture,
        String sourceKind,
        long logonAtMillis,
        long expiresAtMillis) {}

package io.openjims.query.batch.service;

import io.openjims.query.batch.model.QueryItem;
import java.util.List;

/**
 * One active session as the in-memory index holds it: IPv4 addresses as an int, the rest as shared (interned) values,
 * times as epoch milliseconds ({@link #NEVER} when the session never expires).
 */
public final class IndexedSession {

    /** {@link #expiresAtMillis} of a session that never expires. */
    public static final long NEVER = Long.MAX_VALUE;

    final int ipv4;
    /** The address text for anything but a plain IPv4 address; null for IPv4. */
    final String ipText;

    final String domain;
    final String userName;
    /** {@code userName} itself when it is already lower case. */
    final String userLc;

    final List<String> roles;
    final String posture;
    final QueryItem.DeviceItem device;
    final String sourceKind;
    final long logonAtMillis;
    final long expiresAtMillis;
    /** The next session of the same user (the user table chains a user's sessions). */
    IndexedSession nextOfUser;

    public IndexedSession(
            String ip,
            String domain,
            String userName,
            String userLc,
            List<String> roles,
            String posture,
            QueryItem.DeviceItem device,
            String sourceKind,
            long logonAtMillis,
            long expiresAtMillis) {
        long v4 = SessionTable.parseIpv4(ip);
        this.ipv4 = v4 == SessionTable.NOT_V4 ? 0 : (int) v4;
        this.ipText = v4 == SessionTable.NOT_V4 ? ip : null;
        this.domain = domain;
        this.userName = userName;
        this.userLc = userLc.equals(userName) ? userName : userLc;
        this.roles = roles;
        this.posture = posture;
        this.device = device;
        this.sourceKind = sourceKind;
        this.logonAtMillis = logonAtMillis;
        this.expiresAtMillis = expiresAtMillis;
    }

    public String ip() {
        return ipText != null ? ipText : SessionTable.formatIpv4(ipv4);
    }

    public String domain() {
        return domain;
    }

    public String userLc() {
        return userLc;
    }

    public long expiresAtMillis() {
        return expiresAtMillis;
    }

    boolean liveAt(long nowMillis) {
        return expiresAtMillis > nowMillis;
    }

    boolean sameUser(String d, String u) {
        return domain.equals(d) && userLc.equals(u);
    }
}

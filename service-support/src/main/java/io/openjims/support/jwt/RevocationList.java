package io.openjims.support.jwt;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonNumber;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The revoked clients this replica knows, in memory: client id to not-before time; checked on every request. */
@ApplicationScoped
public class RevocationList {

    private final ConcurrentHashMap<String, Instant> notBefore = new ConcurrentHashMap<>();

    /** Records a revocation; an older one for the same client never replaces a newer one. */
    public void apply(Revocation revocation) {
        notBefore.merge(revocation.subject(), revocation.notBefore(), (old, now) -> now.isAfter(old) ? now : old);
    }

    /** True when the token's client was revoked after the token's secret was set. */
    public boolean revoked(JsonWebToken token) {
        String subject = token.getSubject();
        if (subject == null) {
            return false;
        }
        Instant revokedAt = notBefore.get(subject);
        return revokedAt != null && secretAtMillis(token) < revokedAt.toEpochMilli();
    }

    public int size() {
        return notBefore.size();
    }

    private static long secretAtMillis(JsonWebToken token) {
        Object sat = token.getClaim(TokenClaims.SECRET_AT);
        if (sat instanceof Number number) {
            return number.longValue();
        }
        if (sat instanceof JsonNumber number) {
            return number.longValue();
        }
        return token.getIssuedAtTime() * 1000;
    }
}

package io.openjims.support.jwt;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jose4j.jwx.JsonWebStructure;

/**
 * The bearer-token parser Quarkus' JWT authentication uses in every service. A token must name its signing key
 * ({@code kid}) and that key must be one of the {@link VerificationKeys} listed now; smallrye-jwt then checks the
 * signature, issuer, audience ({@code mp.jwt.verify.audiences}) and expiry; last, the token's client must not be
 * revoked after the token's secret was set ({@link RevocationList}).
 *
 * <p>An SRX sends the same token for up to an hour, so the RS256 check runs once per token: verified tokens are
 * cached (by the exact token string, so a tampered token is never a hit) until their {@code exp}. The kid and the
 * revocation list are checked on every request, cached or not, so removing a key or revoking a client takes effect
 * at once.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifyingJwtParser implements JWTParser {

    /** Most tokens kept; when full the cache is emptied (tokens are cheap to verify again). */
    static final int MAX_ENTRIES = 10_000;

    private static final Logger LOG = Logger.getLogger(VerifyingJwtParser.class);

    private final DefaultJWTParser delegate;
    private final VerificationKeys keys;
    private final RevocationList revocations;
    private final Map<String, Counter> refused = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    public VerifyingJwtParser(
            DefaultJWTParser delegate, VerificationKeys keys, RevocationList revocations, MeterRegistry registry) {
        this.delegate = delegate;
        this.keys = keys;
        this.revocations = revocations;
        this.registry = registry;
    }

    private record Verified(JsonWebToken token, String kid) {}

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long nowSeconds = System.currentTimeMillis() / 1000;
        Verified cached = verified.get(token);
        if (cached != null && nowSeconds < cached.token().getExpirationTime()) {
            if (keys.find(cached.kid()) == null) {
                verified.remove(token);
                throw refuse("unknown_kid", "the token's signing key (kid " + cached.kid() + ") is no longer listed");
            }
            return notRevoked(cached.token());
        }
        if (cached != null) {
            verified.remove(token);
        }
        String kid = kidOf(token);
        PublicKey key = keys.find(kid);
        if (key == null) {
            throw refuse("unknown_kid", "no verification key with kid " + kid);
        }
        JsonWebToken jwt = delegate.verify(token, key);
        notRevoked(jwt);
        if (jwt.getExpirationTime() > nowSeconds) {
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
            verified.put(token, new Verified(jwt, kid));
        }
        return jwt;
    }

    private JsonWebToken notRevoked(JsonWebToken jwt) throws ParseException {
        if (revocations.revoked(jwt)) {
            throw refuse("revoked", "the client " + jwt.getSubject() + " was deleted or its secret rotated");
        }
        return jwt;
    }

    private String kidOf(String token) throws ParseException {
        String kid;
        try {
            kid = JsonWebStructure.fromCompactSerialization(token).getKeyIdHeaderValue();
        } catch (Exception e) {
            throw refuse("malformed", "not a compact JWS");
        }
        if (kid == null || kid.isBlank()) {
            throw refuse("no_kid", "the token names no signing key (kid)");
        }
        return kid;
    }

    private ParseException refuse(String reason, String message) {
        refused.computeIfAbsent(
                        reason,
                        r -> Counter.builder("openjims.auth.tokens.refused")
                                .description("Bearer tokens refused before or after the signature check, by reason")
                                .tag("reason", r)
                                .register(registry))
                .increment();
        LOG.debugf("Bearer token refused: %s", message);
        return new ParseException(message);
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }
}

package io.openjims.query.auth.service;

import io.openjims.support.jwt.KeyIds;
import io.openjims.support.jwt.TokenClaims;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import io.smallrye.jwt.util.ResourceUtils;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Signs RS256 access tokens: header {@code kid} = the key's RFC 7638 thumbprint ({@link KeyIds}); issuer,
 * {@code sub} = client id, {@code groups} = roles, {@code aud} = the services those roles are for
 * ({@link Role#audiencesOf}), {@code iat}, {@code exp}, {@code jti}, {@value TokenClaims#SECRET_AT} = when the client's
 * secret was set (revocations compare it), and {@value #DOMAINS_CLAIM} = the DNS domains a limited client may see
 * (absent for an unrestricted client).
 */
@ApplicationScoped
public class TokenIssuer {

    /** Claim listing the DNS domains of a limited client; checked on every query without a database read. */
    public static final String DOMAINS_CLAIM = "domains";

    private static final Logger LOG = Logger.getLogger(TokenIssuer.class);

    private final AuthConfig config;
    private final String keyLocation;
    private volatile SigningKey key;

    public TokenIssuer(AuthConfig config, @ConfigProperty(name = "smallrye.jwt.sign.key.location") String keyLocation) {
        this.config = config;
        this.keyLocation = keyLocation;
    }

    /** Signs a token for the client; blocking (RSA), call it off the event loop. */
    public String sign(
            String clientId, List<String> roles, List<String> domains, Instant secretSetAt, Instant issuedAt) {
        Instant expiresAt = issuedAt.plus(config.tokenLifetime());
        var claims = Jwt.issuer(config.issuer())
                .subject(clientId)
                .upn(clientId)
                .groups(new LinkedHashSet<>(roles))
                .audience(Role.audiencesOf(roles))
                .issuedAt(issuedAt)
                .expiresAt(expiresAt)
                .claim("jti", UUID.randomUUID().toString())
                .claim(TokenClaims.SECRET_AT, secretSetAt.toEpochMilli());
        if (!domains.isEmpty()) {
            claims.claim(DOMAINS_CLAIM, List.copyOf(domains));
        }
        SigningKey signing = signingKey();
        return claims.jws()
                .algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256)
                .keyId(signing.kid())
                .sign(signing.key());
    }

    /** The kid of the signing key (its public half's thumbprint), as verifiers compute it from their key files. */
    public String keyId() {
        return signingKey().kid();
    }

    private record SigningKey(PrivateKey key, String kid) {}

    public long lifetimeSeconds() {
        return config.tokenLifetime().toSeconds();
    }

    /** Loads the key now; false (with a logged reason) when it is missing or unreadable. */
    public boolean keyAvailable() {
        try {
            signingKey();
            return true;
        } catch (IllegalStateException e) {
            LOG.errorf("Token signing key unusable: %s", e.getMessage());
            return false;
        }
    }

    private SigningKey signingKey() {
        SigningKey current = key;
        if (current == null) {
            synchronized (this) {
                if (key == null) {
                    key = load();
                }
                current = key;
            }
        }
        return current;
    }

    private SigningKey load() {
        try {
            String pem = ResourceUtils.readResource(keyLocation);
            if (pem == null) {
                throw new IllegalStateException("no private key at " + keyLocation
                        + " (set OPENJIMS_JWT_PRIVATE_KEY_FILE to a PEM PKCS#8 RSA key)");
            }
            PrivateKey privateKey = KeyUtils.decodePrivateKey(pem);
            return new SigningKey(privateKey, KeyIds.ofPrivate(privateKey));
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the private key at " + keyLocation + ": " + e.getMessage(), e);
        }
    }
}

package io.openjims.query.auth.service;

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
 * Signs RS256 access tokens: issuer, {@code sub} = client id, {@code groups} = roles, {@code exp}, {@code jti}, and
 * {@value #DOMAINS_CLAIM} = the DNS domains a limited client may see (absent for an unrestricted client).
 */
@ApplicationScoped
public class TokenIssuer {

    /** Claim listing the DNS domains of a limited client; checked on every query without a database read. */
    public static final String DOMAINS_CLAIM = "domains";

    private static final Logger LOG = Logger.getLogger(TokenIssuer.class);

    private final AuthConfig config;
    private final String keyLocation;
    private volatile PrivateKey key;

    public TokenIssuer(AuthConfig config, @ConfigProperty(name = "smallrye.jwt.sign.key.location") String keyLocation) {
        this.config = config;
        this.keyLocation = keyLocation;
    }

    /** Signs a token for the client; blocking (RSA), call it off the event loop. */
    public String sign(String clientId, List<String> roles, List<String> domains, Instant issuedAt) {
        Instant expiresAt = issuedAt.plus(config.tokenLifetime());
        var claims = Jwt.issuer(config.issuer())
                .subject(clientId)
                .upn(clientId)
                .groups(new LinkedHashSet<>(roles))
                .issuedAt(issuedAt)
                .expiresAt(expiresAt)
                .claim("jti", UUID.randomUUID().toString());
        if (!domains.isEmpty()) {
            claims.claim(DOMAINS_CLAIM, List.copyOf(domains));
        }
        return claims.jws()
                .algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256)
                .sign(signingKey());
    }

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

    private PrivateKey signingKey() {
        PrivateKey current = key;
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

    private PrivateKey load() {
        try {
            String pem = ResourceUtils.readResource(keyLocation);
            if (pem == null) {
                throw new IllegalStateException("no private key at " + keyLocation
                        + " (set OPENJIMS_JWT_PRIVATE_KEY_FILE to a PEM PKCS#8 RSA key)");
            }
            return KeyUtils.decodePrivateKey(pem);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the private key at " + keyLocation + ": " + e.getMessage(), e);
        }
    }
}

package io.openjims.push.support;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Set;

/** Bearer tokens signed with the test private key, as query-service would issue them. */
public final class Tokens {

    private Tokens() {}

    public static String withRoles(String... roles) {
        try (InputStream in = Tokens.class.getClassLoader().getResourceAsStream("jwt/privateKey.pem")) {
            PrivateKey key = KeyUtils.decodePrivateKey(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return Jwt.issuer("openjims")
                    .audience("openjims-push")
                    .subject("test-admin")
                    .groups(Set.of(roles))
                    .expiresIn(3600)
                    .jws()
                    .keyId(testKid())
                    .sign(key);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot sign a test token", e);
        }
    }

    public static String admin() {
        return withRoles("admin");
    }

    /** The kid of the test key pair (its public key's thumbprint). */
    static String testKid() {
        try {
            return io.openjims.support.jwt.KeyIds.of(io.smallrye.jwt.util.KeyUtils.readPublicKey("jwt/publicKey.pem"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

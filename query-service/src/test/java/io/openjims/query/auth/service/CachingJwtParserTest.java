package io.openjims.query.auth.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The verified-token cache in front of the real smallrye-jwt parser, with the test key pair. */
class CachingJwtParserTest {

    private PrivateKey privateKey;
    private CachingJwtParser parser;

    @BeforeEach
    void setUp() throws Exception {
        privateKey = KeyUtils.readPrivateKey("jwt/privateKey.pem");
        PublicKey publicKey = KeyUtils.readPublicKey("jwt/publicKey.pem");
        parser = new CachingJwtParser(new DefaultJWTParser(new JWTAuthContextInfo(publicKey, "openjims")));
    }

    @Test
    void aVerifiedTokenIsServedFromTheCacheUntilItExpires() throws Exception {
        String token = token("srx-1", "srx").sign(privateKey);

        JsonWebToken first = parser.parse(token);
        JsonWebToken second = parser.parse(token);

        assertThat(first.getSubject()).isEqualTo("srx-1");
        assertThat(first.getGroups()).containsExactly("srx");
        assertThat(second).isSameAs(first);
    }

    @Test
    void aTamperedTokenIsRejectedEvenWhenTheOriginalIsCached() throws Exception {
        String token = token("srx-2", "srx").sign(privateKey);
        parser.parse(token);
        String[] parts = token.split("\\.");
        String forgedClaims = token("srx-2", "admin").sign(privateKey).split("\\.")[1];

        assertThatThrownBy(() -> parser.parse(parts[0] + "." + forgedClaims + "." + parts[2]))
                .isInstanceOf(ParseException.class);
    }

    @Test
    void anExpiredTokenIsRejectedEveryTime() throws Exception {
        String token = Jwt.issuer("openjims")
                .subject("srx-3")
                .groups("srx")
                .issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600))
                .sign(privateKey);

        assertThatThrownBy(() -> parser.parse(token)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> parser.parse(token)).isInstanceOf(ParseException.class);
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRejected() throws Exception {
        var other = java.security.KeyPairGenerator.getInstance("RSA");
        other.initialize(2048);
        String token = token("srx-4", "srx").sign(other.generateKeyPair().getPrivate());

        assertThatThrownBy(() -> parser.parse(token)).isInstanceOf(ParseException.class);
    }

    /** Claims of a token for {@code subject} with one role, valid for an hour. */
    private static JwtClaimsBuilder token(String subject, String role) {
        return Jwt.issuer("openjims")
                .subject(subject)
                .groups(role)
                .expiresAt(Instant.now().plusSeconds(3600));
    }
}

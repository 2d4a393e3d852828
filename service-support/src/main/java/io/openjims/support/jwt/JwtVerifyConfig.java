package io.openjims.support.jwt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** Bearer-token verification ({@code openjims.jwt.*}); issuer and audience stay {@code mp.jwt.verify.*}. */
@ConfigMapping(prefix = "openjims.jwt")
public interface JwtVerifyConfig {

    /**
     * PEM files (or classpath resources) holding the public keys tokens may be signed with; each may hold several
     * {@code PUBLIC KEY} blocks. During a rotation list the current and the next (or previous) key. A missing file is
     * skipped with a warning. Default {@code /etc/openjims/jwt/publicKey.pem} ({@code OPENJIMS_JWT_PUBLIC_KEY_FILE}).
     */
    @WithDefault("/etc/openjims/jwt/publicKey.pem")
    List<String> publicKeys();

    /** How often the key files are read again, so an added or removed key takes effect without a restart. 1 min. */
    @WithDefault("PT1M")
    Duration keyRefreshInterval();

    /** The revocation list every replica reads from Kafka. */
    Revocations revocations();

    interface Revocations {

        /** Read the revocation topic; off only for tools that verify no tokens. Default true. */
        @WithDefault("true")
        boolean enabled();

        /** Wait before the consumer retries after a failure (broker away, topic missing). Default 2 s. */
        @WithDefault("PT2S")
        Duration retryBackoff();
    }
}

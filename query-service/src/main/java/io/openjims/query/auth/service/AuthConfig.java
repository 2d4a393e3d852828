package io.openjims.query.auth.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Token issuer and API client settings ({@code openjims.query.auth.*}).
 */
@ConfigMapping(prefix = "openjims.query.auth")
public interface AuthConfig {

    /** Path of the token endpoint after {@code /api/}. Default {@code oauth_token/oauth}. */
    @WithDefault("oauth_token/oauth")
    String tokenApi();

    /** Lifetime of an issued access token. Default 1 hour. */
    @WithDefault("PT1H")
    Duration tokenLifetime();

    /** Issuer ({@code iss}) of the tokens. Default {@code openjims}. */
    @WithDefault("openjims")
    String issuer();

    /** PBKDF2-HMAC-SHA256 iterations for new secret hashes (stored hashes keep their own count). Default 310000. */
    @WithDefault("310000")
    int pbkdf2Iterations();

    /** Client id of the admin client created or updated at start-up ({@code OPENJIMS_ADMIN_CLIENT_ID}). */
    Optional<String> adminClientId();

    /** Secret of that admin client ({@code OPENJIMS_ADMIN_CLIENT_SECRET}); at least 16 characters. */
    Optional<String> adminClientSecret();

    /**
     * Give the configured admin client the configured secret at start-up even when its secret was rotated through the
     * API since ({@code OPENJIMS_ADMIN_CLIENT_RESET}; for a lost admin secret, set it for one start, then remove it).
     * Without it a rotation made through the API is kept and the configured secret is ignored with a warning.
     * Default false.
     */
    @WithDefault("false")
    boolean adminClientReset();

    /** How often the revocation outbox is published again when a round right after the change failed. 2 s. */
    @WithDefault("PT2S")
    Duration revocationRelayInterval();

    /**
     * A client's {@code last_seen_at} (a token issued, an SRX query) is written at most once per this period per
     * replica, so it costs nothing on the hot path. Default 1 minute.
     */
    @WithDefault("PT1M")
    Duration lastSeenResolution();

    /** Brute-force guard of the token endpoint. */
    BruteForce bruteForce();

    interface BruteForce {

        /** Sliding window in which failed attempts are counted. Default 5 minutes. */
        @WithDefault("PT5M")
        Duration window();

        /** Failed attempts for one client id within the window before it gets 429. Default 10. */
        @WithDefault("10")
        int maxFailuresPerClient();

        /** Failed attempts from one source address within the window before it gets 429. Default 30. */
        @WithDefault("30")
        int maxFailuresPerSource();

        /** Upper bound of client ids and addresses tracked at once (memory bound). Default 100000. */
        @WithDefault("100000")
        int maxTrackedKeys();
    }
}

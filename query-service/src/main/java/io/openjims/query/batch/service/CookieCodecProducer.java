package io.openjims.query.batch.service;

import io.openjims.query.batch.config.SrxApiConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Builds the cookie signer from {@code openjims.query.cookie-secret} (environment OPENJIMS_COOKIE_SECRET). */
@ApplicationScoped
public class CookieCodecProducer {

    private static final Logger LOG = Logger.getLogger(CookieCodecProducer.class);

    @Produces
    @ApplicationScoped
    CookieCodec cookieCodec(SrxApiConfig config) {
        Optional<String> secret = config.cookieSecret();
        if (secret.isPresent() && secret.get().length() >= 16) {
            return new CookieCodec(secret.get().getBytes(StandardCharsets.UTF_8));
        }
        LOG.warn("openjims.query.srx.cookie-secret (OPENJIMS_COOKIE_SECRET) is not set or shorter than 16 characters:"
                + " using a random key, so batch cookies do not survive a restart and only work with one replica.");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new CookieCodec(key);
    }
}

package io.openjims.query.auth.service;

import io.openjims.support.crypto.Pbkdf2Hasher;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Plain helpers made injectable. */
public class AuthBeans {

    @Produces
    @Singleton
    Pbkdf2Hasher secretHasher(AuthConfig config) {
        return new Pbkdf2Hasher(config.pbkdf2Iterations());
    }

    @Produces
    @Singleton
    SecretGenerator secretGenerator() {
        return new SecretGenerator();
    }
}

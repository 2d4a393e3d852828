package io.openjims.query.auth.service;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Plain helpers made injectable. */
public class AuthBeans {

    @Produces
    @Singleton
    SecretHasher secretHasher(AuthConfig config) {
        return new SecretHasher(config.pbkdf2Iterations());
    }

    @Produces
    @Singleton
    SecretGenerator secretGenerator() {
        return new SecretGenerator();
    }
}

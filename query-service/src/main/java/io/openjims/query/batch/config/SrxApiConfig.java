package io.openjims.query.batch.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Settings of the SRX query API ({@code openjims.query.srx.*}). */
@ConfigMapping(prefix = "openjims.query.srx")
public interface SrxApiConfig {

    /** Path of the query endpoint after {@code /api/} ({@code query-api}); the default path stays served too. */
    @WithDefault("user_query/v2")
    String queryApi();

    /**
     * Key that signs batch cookies (at least 16 characters; environment OPENJIMS_COOKIE_SECRET). Every replica needs
     * the same value; without one a random key is used, valid for this process only.
     */
    Optional<String> cookieSecret();
}

package io.openjims.query.auth.service;

import io.openjims.query.auth.repository.ApiClientEntity;
import io.openjims.query.auth.repository.ApiClientRepository;
import io.openjims.support.crypto.Pbkdf2Hasher;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Creates or updates the admin client named in configuration ({@code OPENJIMS_ADMIN_CLIENT_ID} /
 * {@code OPENJIMS_ADMIN_CLIENT_SECRET}) at start-up. Idempotent: nothing is written when the stored hash already
 * matches the configured secret and the client has role admin; replicas starting together each write one upsert.
 */
@ApplicationScoped
public class AdminClientBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminClientBootstrap.class);
    static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{3,64}");
    static final int MIN_SECRET_LENGTH = 16;
    static final String NAME = "configured admin";

    private final AuthConfig config;
    private final ApiClientRepository repository;
    private final Pbkdf2Hasher hasher;
    private final TokenIssuer issuer;

    public AdminClientBootstrap(
            AuthConfig config, ApiClientRepository repository, Pbkdf2Hasher hasher, TokenIssuer issuer) {
        this.config = config;
        this.repository = repository;
        this.hasher = hasher;
        this.issuer = issuer;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        issuer.keyAvailable();
        Optional<String> id = config.adminClientId().map(String::strip).filter(s -> !s.isEmpty());
        Optional<String> secret = config.adminClientSecret().filter(s -> !s.isBlank());
        if (id.isEmpty() && secret.isEmpty()) {
            LOG.info("No admin client configured (OPENJIMS_ADMIN_CLIENT_ID / OPENJIMS_ADMIN_CLIENT_SECRET)");
            return;
        }
        ensure(validateId(id), validateSecret(secret));
    }

    /** Makes the configured admin client exist with this secret and role admin. Blocking; not on an event loop. */
    public void ensure(String clientId, String secret) throws Throwable {
        ApiClientEntity existing =
                VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> repository.findById(clientId)));
        if (existing != null
                && hasher.verify(secret, existing.secretHash)
                && Arrays.asList(existing.roles).contains(Role.ADMIN_NAME)) {
            LOG.infof("Configured admin client %s is up to date", clientId);
            return;
        }
        String hash = hasher.hash(secret);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        VertxContextSupport.subscribeAndAwait(
                () -> Panache.withTransaction(() -> repository.upsertConfiguredAdmin(clientId, NAME, hash, now)));
        LOG.infof("Configured admin client %s %s", clientId, existing == null ? "created" : "updated");
    }

    static String validateId(Optional<String> id) {
        String value = id.orElseThrow(() -> new IllegalStateException(
                "OPENJIMS_ADMIN_CLIENT_SECRET is set but OPENJIMS_ADMIN_CLIENT_ID is not: set both or neither"));
        if (!CLIENT_ID.matcher(value).matches()) {
            throw new IllegalStateException(
                    "OPENJIMS_ADMIN_CLIENT_ID must be 3 to 64 characters of A-Z, a-z, 0-9, '.', '_' or '-'");
        }
        return value;
    }

    static String validateSecret(Optional<String> secret) {
        String value = secret.orElseThrow(() -> new IllegalStateException(
                "OPENJIMS_ADMIN_CLIENT_ID is set but OPENJIMS_ADMIN_CLIENT_SECRET is not: set both or neither"));
        if (value.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException(
                    "OPENJIMS_ADMIN_CLIENT_SECRET must be at least " + MIN_SECRET_LENGTH + " characters");
        }
        return value;
    }
}

package io.openjims.query.auth.service;

import io.openjims.query.auth.repository.ApiClientEntity;
import io.openjims.query.auth.repository.ApiClientRepository;
import io.openjims.query.auth.repository.TokenRevocationRepository;
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
 * Makes the admin client named in configuration ({@code OPENJIMS_ADMIN_CLIENT_ID} / {@code OPENJIMS_ADMIN_CLIENT_SECRET})
 * exist at start-up, without ever silently undoing a rotation made through the API. The rule:
 *
 * <ul>
 *   <li>absent: created with the configured secret and role admin;
 *   <li>present with the configured secret: nothing changes (role admin is added if it was missing);
 *   <li>present with another secret that configuration set (the configured secret was changed): the configured one
 *       replaces it and the tokens issued under the old one are revoked;
 *   <li>present with a secret set through the admin API (rotated): kept, the configured secret is ignored and a
 *       warning names the client, unless {@code OPENJIMS_ADMIN_CLIENT_RESET=true} forces the configured secret (the
 *       rotated secret's tokens are revoked then).
 * </ul>
 *
 * Idempotent; replicas starting together at most write the same row twice.
 */
@ApplicationScoped
public class AdminClientBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminClientBootstrap.class);
    static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{3,64}");
    static final int MIN_SECRET_LENGTH = 16;
    static final String NAME = "configured admin";

    /** What {@link #ensure} did. */
    public enum Outcome {
        CREATED,
        UP_TO_DATE,
        REPLACED,
        KEPT_API_ROTATION
    }

    private final AuthConfig config;
    private final ApiClientRepository repository;
    private final TokenRevocationRepository revocations;
    private final RevocationRelay relay;
    private final Pbkdf2Hasher hasher;
    private final TokenIssuer issuer;

    public AdminClientBootstrap(
            AuthConfig config,
            ApiClientRepository repository,
            TokenRevocationRepository revocations,
            RevocationRelay relay,
            Pbkdf2Hasher hasher,
            TokenIssuer issuer) {
        this.config = config;
        this.repository = repository;
        this.revocations = revocations;
        this.relay = relay;
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
        ensure(validateId(id), validateSecret(secret), config.adminClientReset());
    }

    /** Applies the rule above for this client id and configured secret. Blocking; not on an event loop. */
    public Outcome ensure(String clientId, String secret, boolean reset) throws Throwable {
        ApiClientEntity existing =
                VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> repository.findById(clientId)));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (existing == null) {
            String hash = hasher.hash(secret);
            int created = VertxContextSupport.subscribeAndAwait(
                    () -> Panache.withTransaction(() -> repository.insertConfiguredAdmin(clientId, NAME, hash, now)));
            LOG.infof(
                    "Configured admin client %s %s", clientId, created == 1 ? "created" : "created by another replica");
            return Outcome.CREATED;
        }
        if (hasher.verify(secret, existing.secretHash)) {
            addAdminRole(existing);
            LOG.infof("Configured admin client %s is up to date", clientId);
            return Outcome.UP_TO_DATE;
        }
        boolean setByConfig = ApiClientEntity.ORIGIN_CONFIG.equals(existing.secretSetBy);
        if (!setByConfig && !reset) {
            addAdminRole(existing);
            LOG.warnf(
                    "Configured admin client %s: its secret was rotated through the admin API (%s), so"
                            + " OPENJIMS_ADMIN_CLIENT_SECRET is ignored and the rotated secret stays. To force the"
                            + " configured secret (a lost admin secret), start once with OPENJIMS_ADMIN_CLIENT_RESET=true.",
                    clientId, existing.secretChangedAt);
            return Outcome.KEPT_API_ROTATION;
        }
        String hash = hasher.hash(secret);
        String reason = setByConfig ? ApiClientService.REASON_ROTATED : ApiClientService.REASON_RESET;
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> repository
                .upsertConfiguredAdmin(clientId, NAME, hash, now)
                .flatMap(ignored -> revocations.revoke(clientId, now, reason))));
        relay.wakeUp();
        if (setByConfig) {
            LOG.infof("Configured admin client %s: secret replaced by the configured one", clientId);
        } else {
            LOG.warnf(
                    "Configured admin client %s: secret rotated through the API replaced by the configured one"
                            + " (OPENJIMS_ADMIN_CLIENT_RESET=true); remove that setting now",
                    clientId);
        }
        return Outcome.REPLACED;
    }

    private void addAdminRole(ApiClientEntity existing) throws Throwable {
        if (!Arrays.asList(existing.roles).contains(Role.ADMIN_NAME)) {
            VertxContextSupport.subscribeAndAwait(
                    () -> Panache.withTransaction(() -> repository.addAdminRole(existing.clientId)));
            LOG.infof("Configured admin client %s: role admin added", existing.clientId);
        }
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

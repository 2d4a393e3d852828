package io.openjims.query.auth.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.openjims.query.auth.repository.ApiClientEntity;
import io.openjims.query.auth.repository.ApiClientRepository;
import io.openjims.support.api.ApiException;
import io.openjims.support.crypto.Pbkdf2Hasher;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** OAuth 2.0 client credentials grant: checks the brute-force guard, verifies the secret, signs a token. */
@ApplicationScoped
public class TokenService {

    static final String INVALID_CLIENT = "invalid_client";
    static final String TOO_MANY = "too_many_requests";

    private final ApiClientRepository repository;
    private final Pbkdf2Hasher hasher;
    private final TokenIssuer issuer;
    private final BruteForceGuard guard;
    private final Offload offload;
    private final MeterRegistry registry;
    private final ClientActivity activity;
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();

    public TokenService(
            ApiClientRepository repository,
            Pbkdf2Hasher hasher,
            TokenIssuer issuer,
            BruteForceGuard guard,
            Offload offload,
            MeterRegistry registry,
            ClientActivity activity) {
        this.repository = repository;
        this.hasher = hasher;
        this.issuer = issuer;
        this.guard = guard;
        this.offload = offload;
        this.registry = registry;
        this.activity = activity;
        for (String outcome :
                List.of("issued", "invalid_request", "unsupported_grant_type", INVALID_CLIENT, TOO_MANY)) {
            counter(outcome);
        }
    }

    /**
     * Issues a token for valid client credentials. Fails with 429 {@code too_many_requests} while the client id or
     * the source address is blocked, and with 401 {@code invalid_client} for an unknown client or a wrong secret.
     */
    public Uni<IssuedToken> issue(String clientId, String clientSecret, String source) {
        long retryAfter = guard.begin(clientId, source);
        if (retryAfter > 0) {
            return Uni.createFrom()
                    .failure(new ApiException(
                            429,
                            TOO_MANY,
                            "too many failed authentications for this client id or address; retry in " + retryAfter
                                    + " s with the right credentials",
                            Map.of("Retry-After", Long.toString(retryAfter))));
        }
        return Panache.withSession(() -> repository.findById(clientId))
                .flatMap(client -> offload.run(() -> verifyAndSign(client, clientSecret)))
                .onFailure()
                .invoke(() -> guard.abandoned(clientId, source))
                .flatMap(token -> {
                    if (token == null) {
                        guard.failed();
                        return Uni.createFrom().failure(invalidClient());
                    }
                    guard.succeeded(clientId, source);
                    activity.seen(clientId);
                    return Uni.createFrom().item(token);
                });
    }

    /** Counts a token request outcome (an error code, or "issued") for /q/metrics. */
    public void countOutcome(String outcome) {
        counter(outcome).increment();
    }

    private IssuedToken verifyAndSign(ApiClientEntity client, String secret) {
        if (client == null) {
            hasher.verifyDummy(secret);
            return null;
        }
        if (!hasher.verify(secret, client.secretHash)) {
            return null;
        }
        String token = issuer.sign(
                client.clientId,
                List.of(client.roles),
                client.domains == null ? List.of() : List.of(client.domains),
                client.secretChangedAt,
                Instant.now());
        return new IssuedToken(token, issuer.lifetimeSeconds());
    }

    public static ApiException invalidClient() {
        return new ApiException(
                401,
                INVALID_CLIENT,
                "client authentication failed: check client_id and client_secret (a rotated secret replaces the old"
                        + " one)",
                Map.of("WWW-Authenticate", "Basic realm=\"openjims\""));
    }

    private Counter counter(String outcome) {
        return outcomes.computeIfAbsent(
                outcome,
                o -> Counter.builder("openjims.auth.token.requests")
                        .description("Token requests by outcome")
                        .tag("outcome", o)
                        .register(registry));
    }
}

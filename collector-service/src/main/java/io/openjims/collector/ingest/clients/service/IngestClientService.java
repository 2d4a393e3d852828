package io.openjims.collector.ingest.clients.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.openjims.collector.ingest.clients.repository.IngestClientEntity;
import io.openjims.collector.ingest.clients.repository.IngestClientLastSeenJdbcRepository;
import io.openjims.collector.ingest.clients.repository.IngestClientRepository;
import io.openjims.collector.ingest.config.IngestConfig;
import io.openjims.collector.ingest.service.ProducerScope;
import io.openjims.model.kafka.JsonCodec;
import io.openjims.support.activity.LastSeen;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;

/**
 * Creates, lists, rotates and deletes ingest clients and authenticates them: HTTP Basic ({@code client_id:client_secret}) for
 * the SRX Web API, the API key (looked up by its prefix) for the PAN-OS User-ID API. Both are long random values
 * (about 238 bits) generated here, so both are stored as SHA-256 ({@code sha256$<hex>}): no dictionary or guessing
 * can reverse them, and a flood of wrong secrets costs a hash each, not a PBKDF2 run. Secrets stored by earlier
 * versions as PBKDF2 still verify, at most {@link #MAX_SLOW_VERIFICATIONS} at a time (beyond that an attempt fails at
 * once, counted), and are re-stored as SHA-256 on their first success. Verified credentials are remembered for
 * {@code openjims.collector.ingest.credential-cache-ttl}; deleting a client forgets them at once on this instance.
 */
@ApplicationScoped
public class IngestClientService {

    public static final int API_KEY_PREFIX_LENGTH = 12;
    public static final int API_KEY_LENGTH = API_KEY_PREFIX_LENGTH + 40;
    public static final int SECRET_LENGTH = 40;
    public static final int MAX_NAME = 100;
    private static final int MAX_CACHED = 10_000;
    public static final String SHA256_PREFIX = "sha256$";
    /** PBKDF2 verifications of legacy secrets running at once; more attempts fail without hashing. */
    static final int MAX_SLOW_VERIFICATIONS = 2;

    private static final Pattern API_KEY = Pattern.compile("^[A-Za-z0-9]{" + API_KEY_LENGTH + "}$");

    private final IngestClientRepository repository;
    private final IngestConfig config;
    private final ConcurrentMap<String, Cached> basicCache = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Cached> apiKeyCache = new ConcurrentHashMap<>();
    private final Semaphore slowVerifications = new Semaphore(MAX_SLOW_VERIFICATIONS);
    private final Counter slowRefused;
    private final LastSeen lastSeen;
    private final IngestClientLastSeenJdbcRepository lastSeenStore;

    public IngestClientService(
            IngestClientRepository repository,
            IngestConfig config,
            MeterRegistry registry,
            IngestClientLastSeenJdbcRepository lastSeenStore) {
        this.repository = repository;
        this.config = config;
        this.lastSeenStore = lastSeenStore;
        this.lastSeen = new LastSeen(config.lastSeenResolution(), Clock.systemUTC());
        this.slowRefused = Counter.builder("openjims.collector.ingest.auth.throttled")
                .description("Basic authentications of legacy PBKDF2 secrets refused while others were verified")
                .register(registry);
    }

    public Uni<IngestClientCredentials> create(String rawName) {
        return create(rawName, new ProducerScope(List.of(), List.of(), false));
    }

    /** Creates a client limited to the scope (validated by {@link ProducerScope#validated}). */
    public Uni<IngestClientCredentials> create(String rawName, ProducerScope scope) {
        String name = validName(rawName);
        String clientId = "ic-" + CredentialHasher.randomLowerAlphanumeric(20);
        String secret = CredentialHasher.randomAlphanumeric(SECRET_LENGTH);
        String apiKey = CredentialHasher.randomAlphanumeric(API_KEY_LENGTH);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String secretHash = SHA256_PREFIX + CredentialHasher.sha256Hex(secret);
        return Panache.withTransaction(() -> repository.nameTaken(name).flatMap(taken -> {
                    if (taken) {
                        return Uni.createFrom().failure(new DuplicateClientException(name));
                    }
                    IngestClientEntity entity = new IngestClientEntity();
                    entity.clientId = clientId;
                    entity.name = name;
                    entity.secretHash = secretHash;
                    entity.apiKeyPrefix = apiKey.substring(0, API_KEY_PREFIX_LENGTH);
                    entity.apiKeyHash = CredentialHasher.sha256Hex(apiKey);
                    entity.createdAt = now;
                    entity.domains = JsonCodec.toJson(scope.domains());
                    entity.addressRanges = JsonCodec.toJson(scope.addressRanges());
                    entity.trustAssertedRoles = scope.trustAssertedRoles();
                    return repository.persist(entity);
                }))
                .map(saved -> new IngestClientCredentials(clientId, name, secret, apiKey, now, scope));
    }

    public Uni<List<IngestClientSummary>> list() {
        return Panache.withSession(() -> repository.listByName())
                .map(entities ->
                        entities.stream().map(IngestClientService::summary).toList());
    }

    /**
     * Replaces a client's secret and API key with new random ones (the answer is the only time they are shown); the
     * old ones stop working at once on this instance, on the others within the credential cache TTL. Empty when there
     * is no client with that id.
     */
    public Uni<Optional<IngestClientCredentials>> rotate(String clientId) {
        String secret = CredentialHasher.randomAlphanumeric(SECRET_LENGTH);
        String apiKey = CredentialHasher.randomAlphanumeric(API_KEY_LENGTH);
        return Panache.withTransaction(() -> repository.findById(clientId).map(entity -> {
                    if (entity == null) {
                        return Optional.<IngestClientCredentials>empty();
                    }
                    entity.secretHash = SHA256_PREFIX + CredentialHasher.sha256Hex(secret);
                    entity.apiKeyPrefix = apiKey.substring(0, API_KEY_PREFIX_LENGTH);
                    entity.apiKeyHash = CredentialHasher.sha256Hex(apiKey);
                    return Optional.of(new IngestClientCredentials(
                            entity.clientId, entity.name, secret, apiKey, entity.createdAt, scope(entity)));
                }))
                .invoke(rotated -> forget(clientId));
    }

    /** Deletes a client; false when there was none with that id. */
    public Uni<Boolean> delete(String clientId) {
        return Panache.withTransaction(() -> repository.deleteById(clientId)).invoke(deleted -> forget(clientId));
    }

    /** The client whose Basic credentials these are, or empty. */
    public Uni<Optional<IngestPrincipal>> authenticateBasic(String clientId, String secret) {
        return basic(clientId, secret).invoke(this::seen);
    }

    /** The client holding this API key, or empty. */
    public Uni<Optional<IngestPrincipal>> authenticateApiKey(String apiKey) {
        return apiKey(apiKey).invoke(this::seen);
    }

    private void seen(Optional<IngestPrincipal> principal) {
        principal.ifPresent(p -> lastSeen.seen(p.clientId()));
    }

    /** Stores when clients were last seen (at most once per client and resolution). */
    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void flushLastSeen() {
        lastSeenStore.store(lastSeen);
    }

    private Uni<Optional<IngestPrincipal>> basic(String clientId, String secret) {
        if (clientId == null || secret == null || clientId.isEmpty() || clientId.length() > 64) {
            return Uni.createFrom().item(Optional.empty());
        }
        String digest = CredentialHasher.sha256Hex(secret);
        Cached cached = basicCache.get(clientId);
        if (cached != null && cached.valid() && CredentialHasher.constantTimeEquals(cached.digest(), digest)) {
            return Uni.createFrom().item(Optional.of(cached.principal()));
        }
        return Panache.withSession(() -> repository.findById(clientId)).flatMap(entity -> {
            if (entity == null) {
                return Uni.createFrom().item(Optional.<IngestPrincipal>empty());
            }
            IngestPrincipal principal = principal(entity);
            String stored = entity.secretHash;
            if (stored != null && stored.startsWith(SHA256_PREFIX)) {
                if (!CredentialHasher.constantTimeEquals(stored.substring(SHA256_PREFIX.length()), digest)) {
                    return Uni.createFrom().item(Optional.<IngestPrincipal>empty());
                }
                remember(basicCache, clientId, digest, principal);
                return Uni.createFrom().item(Optional.of(principal));
            }
            if (!slowVerifications.tryAcquire()) {
                slowRefused.increment();
                return Uni.createFrom().item(Optional.<IngestPrincipal>empty());
            }
            return VertxContextSupport.executeBlocking(() -> {
                        try {
                            return CredentialHasher.verifyPbkdf2(secret, stored);
                        } finally {
                            slowVerifications.release();
                        }
                    })
                    .flatMap(ok -> {
                        if (!ok) {
                            return Uni.createFrom().item(Optional.<IngestPrincipal>empty());
                        }
                        remember(basicCache, clientId, digest, principal);
                        return Panache.withTransaction(
                                        () -> repository.replaceSecretHash(clientId, stored, SHA256_PREFIX + digest))
                                .replaceWith(Optional.of(principal));
                    });
        });
    }

    private Uni<Optional<IngestPrincipal>> apiKey(String apiKey) {
        if (apiKey == null || !API_KEY.matcher(apiKey).matches()) {
            return Uni.createFrom().item(Optional.empty());
        }
        String digest = CredentialHasher.sha256Hex(apiKey);
        Cached cached = apiKeyCache.get(digest);
        if (cached != null && cached.valid()) {
            return Uni.createFrom().item(Optional.of(cached.principal()));
        }
        return Panache.withSession(() -> repository.findByApiKeyPrefix(apiKey.substring(0, API_KEY_PREFIX_LENGTH)))
                .map(entity -> {
                    if (entity == null || !CredentialHasher.constantTimeEquals(entity.apiKeyHash, digest)) {
                        return Optional.<IngestPrincipal>empty();
                    }
                    IngestPrincipal principal = principal(entity);
                    remember(apiKeyCache, digest, digest, principal);
                    return Optional.of(principal);
                });
    }

    private void remember(ConcurrentMap<String, Cached> cache, String key, String digest, IngestPrincipal principal) {
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(
                key,
                new Cached(
                        digest,
                        principal,
                        System.nanoTime() + config.credentialCacheTtl().toNanos()));
    }

    /** Forgets every remembered credential (after an import replaced the clients). */
    public void forgetAll() {
        basicCache.clear();
        apiKeyCache.clear();
    }

    private void forget(String clientId) {
        basicCache.remove(clientId);
        apiKeyCache.values().removeIf(cached -> cached.principal().clientId().equals(clientId));
    }

    /** The trimmed name; {@link IllegalArgumentException} saying what is wrong. */
    public static String validName(String name) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("name is required");
        }
        if (trimmed.length() > MAX_NAME) {
            throw new IllegalArgumentException("name is longer than " + MAX_NAME + " characters");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("name contains a control character");
        }
        return trimmed;
    }

    private static IngestClientSummary summary(IngestClientEntity entity) {
        return new IngestClientSummary(
                entity.clientId, entity.name, entity.apiKeyPrefix, entity.createdAt, scope(entity), entity.lastSeenAt);
    }

    private static IngestPrincipal principal(IngestClientEntity entity) {
        return new IngestPrincipal(entity.clientId, entity.name, scope(entity));
    }

    /** The producer scope a row holds. */
    public static ProducerScope scope(IngestClientEntity entity) {
        return new ProducerScope(strings(entity.domains), strings(entity.addressRanges), entity.trustAssertedRoles);
    }

    private static List<String> strings(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        return List.of(JsonCodec.fromJson(json, String[].class));
    }

    private record Cached(String digest, IngestPrincipal principal, long expiresAtNanos) {
        boolean valid() {
            return System.nanoTime() - expiresAtNanos < 0;
        }
    }
}

package io.openjims.query.auth.service;

import io.openjims.query.auth.repository.ApiClientEntity;
import io.openjims.query.auth.repository.ApiClientRepository;
import io.openjims.query.auth.repository.TokenRevocationRepository;
import io.openjims.support.api.ApiException;
import io.openjims.support.crypto.Pbkdf2Hasher;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Creates, lists, deletes API clients and rotates their secrets; secrets are hashed before they are stored. */
@ApplicationScoped
public class ApiClientService {

    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_DOMAINS = 100;
    private static final Pattern DNS_NAME = Pattern.compile(
            "^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$");

    /** Revocation reasons, as the revocation topic carries them. */
    static final String REASON_DELETED = "deleted";

    static final String REASON_ROTATED = "rotated";
    static final String REASON_RESET = "reset";

    private final ApiClientRepository repository;
    private final TokenRevocationRepository revocations;
    private final RevocationRelay relay;
    private final Pbkdf2Hasher hasher;
    private final SecretGenerator generator;
    private final Offload offload;

    public ApiClientService(
            ApiClientRepository repository,
            TokenRevocationRepository revocations,
            RevocationRelay relay,
            Pbkdf2Hasher hasher,
            SecretGenerator generator,
            Offload offload) {
        this.repository = repository;
        this.revocations = revocations;
        this.relay = relay;
        this.hasher = hasher;
        this.generator = generator;
        this.offload = offload;
    }

    public Uni<ClientSecret> create(String name, List<String> roles) {
        return create(name, roles, List.of());
    }

    /** Creates a client limited to {@code domains} (DNS names; null or empty = unrestricted). */
    public Uni<ClientSecret> create(String name, List<String> roles, List<String> domains) {
        String validName = validateName(name);
        List<String> validRoles = validateRoles(roles);
        List<String> validDomains = validateDomains(domains);
        String secret = generator.secret();
        return offload.run(() -> hasher.hash(secret)).flatMap(hash -> {
            ApiClientEntity entity = new ApiClientEntity();
            entity.clientId = generator.clientId();
            entity.name = validName;
            entity.roles = validRoles.toArray(String[]::new);
            entity.domains = validDomains.toArray(String[]::new);
            entity.secretHash = hash;
            entity.origin = ApiClientEntity.ORIGIN_API;
            entity.createdAt = now();
            entity.secretChangedAt = entity.createdAt;
            return Panache.withTransaction(() -> repository.persist(entity))
                    .map(saved -> new ClientSecret(ApiClient.of(saved), secret));
        });
    }

    public Uni<List<ApiClient>> list() {
        return Panache.withSession(() -> repository.listByCreation())
                .map(all -> all.stream().map(ApiClient::of).toList());
    }

    public Uni<ApiClient> get(String clientId) {
        return Panache.withSession(() -> repository.findById(clientId)).map(entity -> {
            if (entity == null) {
                throw unknown(clientId);
            }
            return ApiClient.of(entity);
        });
    }

    /** Deletes the client and, in the same transaction, revokes every token it holds (published within seconds). */
    public Uni<Void> delete(String clientId) {
        Instant now = now();
        return Panache.withTransaction(() -> repository.deleteById(clientId).flatMap(deleted -> {
                    if (!deleted) {
                        return Uni.createFrom().failure(unknown(clientId));
                    }
                    return revocations.revoke(clientId, now, REASON_DELETED);
                }))
                .invoke(relay::wakeUp);
    }

    /**
     * Replaces the secret; the old one stops working at once, and the tokens issued under it are revoked on every
     * replica within seconds (the revocation is written in the same transaction and relayed).
     */
    public Uni<ClientSecret> rotate(String clientId) {
        String secret = generator.secret();
        Instant now = now();
        return offload.run(() -> hasher.hash(secret))
                .flatMap(hash -> Panache.withTransaction(() -> repository
                        .updateSecret(clientId, hash, now)
                        .flatMap(updated -> {
                            if (updated == 0) {
                                return Uni.createFrom().failure(unknown(clientId));
                            }
                            return revocations.revoke(clientId, now, REASON_ROTATED);
                        })
                        .flatMap(ignored -> repository.findById(clientId))))
                .invoke(relay::wakeUp)
                .map(entity -> new ClientSecret(ApiClient.of(entity), secret));
    }

    public static String validateName(String name) {
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("name is required: a label for the client, e.g. \"srx-branch-1\"");
        }
        String trimmed = name.strip();
        if (trimmed.length() > MAX_NAME_LENGTH) {
            throw ApiException.badRequest("name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("name must not contain control characters");
        }
        return trimmed;
    }

    /** Known role names, without duplicates, in the canonical order srx, ingest, admin. */
    public static List<String> validateRoles(List<String> roles) {
        if (roles == null || roles.isEmpty()) {
            throw ApiException.badRequest("roles is required: a non-empty list of " + Role.allowedNames());
        }
        Set<Role> valid = EnumSet.noneOf(Role.class);
        for (String role : roles) {
            if (role == null) {
                throw ApiException.badRequest("roles must not contain null; allowed roles: " + Role.allowedNames());
            }
            valid.add(Role.fromWireName(role.strip().toLowerCase(Locale.ROOT))
                    .orElseThrow(() -> ApiException.badRequest(
                            "unknown role \"" + role + "\"; allowed roles: " + Role.allowedNames())));
        }
        return valid.stream().map(Role::wireName).toList();
    }

    /** DNS names, lower case, without duplicates; at most {@value #MAX_DOMAINS}. */
    public static List<String> validateDomains(List<String> domains) {
        if (domains == null) {
            return List.of();
        }
        if (domains.size() > MAX_DOMAINS) {
            throw ApiException.badRequest("domains must list at most " + MAX_DOMAINS + " DNS names");
        }
        Set<String> valid = new LinkedHashSet<>();
        for (String domain : domains) {
            String d = domain == null ? "" : domain.strip().toLowerCase(Locale.ROOT);
            if (!DNS_NAME.matcher(d).matches()) {
                throw ApiException.badRequest("domains: \"" + domain + "\" is not a DNS domain name such as example.com"
                        + " (list the DNS name, not the NetBIOS name)");
            }
            valid.add(d);
        }
        return List.copyOf(valid);
    }

    private static ApiException unknown(String clientId) {
        return ApiException.notFound(
                "no API client with client_id \"" + clientId + "\"; GET /api/admin/clients lists them");
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}

package io.openjims.push.tenant.service;

import io.openjims.push.config.PushConfig;
import io.openjims.push.secret.service.SecretBeans;
import io.openjims.push.tenant.repository.TenantDeliveryEntity;
import io.openjims.push.tenant.repository.TenantDeliveryRepository;
import io.openjims.push.tenant.repository.TenantEntity;
import io.openjims.push.tenant.repository.TenantRepository;
import io.openjims.push.tenant.rest.TenantPasswordRequest;
import io.openjims.push.tenant.rest.TenantRequest;
import io.openjims.push.tenant.rest.TenantResponse;
import io.openjims.support.api.ApiException;
import io.openjims.support.crypto.SecretCipher;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/** Tenant administration: validation, secret encryption, and the triggers the delivery worker watches. */
@ApplicationScoped
public class TenantService {

    private static final Logger LOG = Logger.getLogger(TenantService.class);

    private final TenantRepository tenants;
    private final TenantDeliveryRepository deliveries;
    private final SecretBeans secrets;
    private final PushConfig config;

    public TenantService(
            TenantRepository tenants, TenantDeliveryRepository deliveries, SecretBeans secrets, PushConfig config) {
        this.tenants = tenants;
        this.deliveries = deliveries;
        this.secrets = secrets;
        this.config = config;
    }

    @WithTransaction
    public Uni<TenantResponse> create(TenantRequest request) {
        if (request == null) {
            throw ApiException.badRequest("invalid_request", "send a JSON tenant object");
        }
        SecretCipher cipher = cipher();
        String name = TenantValidation.name(request.name());
        TenantKind kind = TenantValidation.kind(request.kind());
        String endpoint = TenantValidation.endpoint(request.endpoint(), config.allowHttpEndpoints());
        List<String> domains = TenantValidation.domains(request.domains());
        TenantValidation.password(request.password());
        String caPem = TenantValidation.caPem(request.caPem());
        boolean hasCert =
                request.clientCertPem() != null && !request.clientCertPem().isBlank();
        boolean hasKey =
                request.clientKeyPem() != null && !request.clientKeyPem().isBlank();
        if (hasCert != hasKey) {
            throw ApiException.badRequest(
                    "invalid_client_cert", "client_cert_pem and client_key_pem go together: send both or neither");
        }
        if (hasCert) {
            TenantValidation.clientCertificate(request.clientCertPem(), request.clientKeyPem());
        }
        String givenUsername = request.username() == null ? null : TenantValidation.username(request.username());
        return tenants.nameTaken(name, null)
                .flatMap(taken -> {
                    if (taken) {
                        throw new ApiException(
                                409, "name_taken", "a tenant named \"" + name + "\" exists; pick another name");
                    }
                    return givenUsername == null ? uniqueUsername(name, 5) : freeUsername(givenUsername, null);
                })
                .flatMap(username -> {
                    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    TenantEntity tenant = new TenantEntity();
                    tenant.id = UUID.randomUUID();
                    tenant.name = name;
                    tenant.kind = kind.wireName();
                    tenant.endpoint = endpoint;
                    tenant.domains = String.join(",", domains);
                    tenant.caPem = caPem;
                    tenant.username = username;
                    tenant.passwordEnc = cipher.encrypt(request.password(), tenant.id.toString());
                    if (hasCert) {
                        tenant.clientCertPem = request.clientCertPem().trim() + "\n";
                        tenant.clientKeyEnc = cipher.encrypt(request.clientKeyPem(), tenant.id.toString());
                    }
                    tenant.configVersion = 1;
                    tenant.resyncGeneration = 1;
                    tenant.createdAt = now;
                    tenant.updatedAt = now;
                    TenantDeliveryEntity delivery = new TenantDeliveryEntity();
                    delivery.tenantId = tenant.id;
                    delivery.status = "pending";
                    return tenants.persist(tenant)
                            .flatMap(t -> deliveries.persist(delivery))
                            .map(d -> {
                                LOG.infof("Tenant %s (%s) created with username %s", name, tenant.id, username);
                                return toResponse(tenant, d);
                            });
                });
    }

    @WithSession
    public Uni<List<TenantResponse>> list() {
        return tenants.listByName()
                .flatMap(all -> deliveries.listAll().map(ds -> {
                    Map<UUID, TenantDeliveryEntity> byId =
                            ds.stream().collect(Collectors.toMap(d -> d.tenantId, Function.identity()));
                    return all.stream().map(t -> toResponse(t, byId.get(t.id))).toList();
                }));
    }

    @WithSession
    public Uni<TenantResponse> get(UUID id) {
        return find(id).flatMap(t -> deliveries.findById(id).map(d -> toResponse(t, d)));
    }

    /** The endpoint or CA may change only with the tenant's current password (constant-time comparison). */
    private static void confirmPassword(SecretCipher cipher, byte[] passwordEnc, UUID id, String given) {
        if (given == null || given.isEmpty()) {
            throw ApiException.badRequest(
                    "password_required",
                    "changing the endpoint or the CA needs the tenant's current password in current_password");
        }
        byte[] stored = cipher.decrypt(passwordEnc, id.toString()).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(stored, given.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(403, "password_mismatch", "current_password is not the tenant's password");
        }
    }

    @WithTransaction
    public Uni<TenantResponse> update(UUID id, TenantRequest request) {
        if (request == null) {
            throw ApiException.badRequest("invalid_request", "send a JSON tenant object");
        }
        SecretCipher cipher = cipher();
        if (request.password() != null) {
            throw ApiException.badRequest(
                    "password_not_here", "change the password with PUT /api/admin/tenants/{id}/password");
        }
        String name = TenantValidation.name(request.name());
        TenantKind kind = TenantValidation.kind(request.kind());
        String endpoint = TenantValidation.endpoint(request.endpoint(), config.allowHttpEndpoints());
        List<String> domains = TenantValidation.domains(request.domains());
        String caPem = TenantValidation.caPem(request.caPem());
        boolean hasCert =
                request.clientCertPem() != null && !request.clientCertPem().isBlank();
        boolean hasKey =
                request.clientKeyPem() != null && !request.clientKeyPem().isBlank();
        if (!hasCert && hasKey) {
            throw ApiException.badRequest("invalid_client_cert", "client_key_pem needs client_cert_pem");
        }
        return find(id).flatMap(tenant -> {
                    if (request.username() != null && !request.username().equals(tenant.username)) {
                        throw ApiException.badRequest(
                                "username_not_editable",
                                "username changes only with the password: PUT /api/admin/tenants/{id}/password");
                    }
                    if (hasCert) {
                        String keyPem = hasKey
                                ? request.clientKeyPem()
                                : tenant.clientKeyEnc == null
                                        ? null
                                        : cipher.decrypt(tenant.clientKeyEnc, id.toString());
                        if (keyPem == null) {
                            throw ApiException.badRequest(
                                    "invalid_client_cert", "client_cert_pem needs client_key_pem (none is stored yet)");
                        }
                        TenantValidation.clientCertificate(request.clientCertPem(), keyPem);
                    }
                    return tenants.nameTaken(name, id).map(taken -> {
                        if (taken) {
                            throw new ApiException(
                                    409, "name_taken", "a tenant named \"" + name + "\" exists; pick another name");
                        }
                        boolean credentialsRedirected =
                                !tenant.endpoint.equals(endpoint) || !Objects.equals(tenant.caPem, caPem);
                        if (credentialsRedirected) {
                            confirmPassword(cipher, tenant.passwordEnc, id, request.currentPassword());
                        }
                        boolean domainsChanged = !tenant.domains.equals(String.join(",", domains));
                        boolean kindChanged = !tenant.kind.equals(kind.wireName());
                        tenant.name = name;
                        tenant.kind = kind.wireName();
                        tenant.endpoint = endpoint;
                        tenant.domains = String.join(",", domains);
                        tenant.caPem = caPem;
                        if (hasCert) {
                            tenant.clientCertPem = request.clientCertPem().trim() + "\n";
                            if (hasKey) {
                                tenant.clientKeyEnc = cipher.encrypt(request.clientKeyPem(), id.toString());
                            }
                        } else {
                            tenant.clientCertPem = null;
                            tenant.clientKeyEnc = null;
                        }
                        tenant.configVersion++;
                        if (domainsChanged || kindChanged) {
                            // What the tenant may see changed: send it the full state again.
                            tenant.resyncGeneration++;
                        }
                        tenant.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                        return tenant;
                    });
                })
                .flatMap(tenant -> deliveries.findById(id).map(d -> toResponse(tenant, d)));
    }

    @WithTransaction
    public Uni<Void> changePassword(UUID id, TenantPasswordRequest request) {
        SecretCipher cipher = cipher();
        if (request == null || request.password() == null || request.confirm() == null) {
            throw ApiException.badRequest("invalid_request", "send {\"password\": \"...\", \"confirm\": \"...\"}");
        }
        TenantValidation.password(request.password());
        if (!request.password().equals(request.confirm())) {
            throw ApiException.badRequest(
                    "password_mismatch", "password and confirm do not match: type the same password twice");
        }
        String newUsername = request.username() == null ? null : TenantValidation.username(request.username());
        return find(id).flatMap(tenant -> {
                    Uni<String> username = newUsername == null || newUsername.equals(tenant.username)
                            ? Uni.createFrom().item(tenant.username)
                            : freeUsername(newUsername, id);
                    return username.map(name -> {
                        boolean renamed = !name.equals(tenant.username);
                        tenant.username = name;
                        tenant.passwordEnc = cipher.encrypt(request.password(), id.toString());
                        tenant.configVersion++;
                        tenant.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                        LOG.infof(
                                renamed
                                        ? "Username and password of tenant %s changed"
                                        : "Password of tenant %s changed",
                                tenant.name);
                        return tenant;
                    });
                })
                .replaceWithVoid();
    }

    @WithTransaction
    public Uni<Void> resync(UUID id) {
        return find(id).map(tenant -> {
                    tenant.resyncGeneration++;
                    tenant.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    LOG.infof("Resync of tenant %s requested (generation %d)", tenant.name, tenant.resyncGeneration);
                    return tenant;
                })
                .replaceWithVoid();
    }

    @WithTransaction
    public Uni<Void> delete(UUID id) {
        return find(id).flatMap(tenant -> tenants.delete(tenant)).invoke(() -> LOG.infof("Tenant %s deleted", id));
    }

    private Uni<TenantEntity> find(UUID id) {
        return tenants.findById(id).map(t -> {
            if (t == null) {
                throw ApiException.notFound("no tenant with id " + id);
            }
            return t;
        });
    }

    /** The given username when no other tenant has it; else 409 {@code username_taken}. */
    private Uni<String> freeUsername(String username, UUID except) {
        Uni<Boolean> taken = except == null ? tenants.usernameTaken(username) : tenants.usernameTaken(username, except);
        return taken.map(t -> {
            if (t) {
                throw new ApiException(409, "username_taken", "another tenant has the username " + username);
            }
            return username;
        });
    }

    private Uni<String> uniqueUsername(String name, int attempts) {
        String candidate = UsernameGenerator.generate(name);
        return tenants.usernameTaken(candidate).flatMap(taken -> {
            if (!taken) {
                return Uni.createFrom().item(candidate);
            }
            if (attempts <= 1) {
                throw new ApiException(500, "username_generation", "could not generate a unique username; retry");
            }
            return uniqueUsername(name, attempts - 1);
        });
    }

    private SecretCipher cipher() {
        return secrets.required();
    }

    static TenantResponse toResponse(TenantEntity t, TenantDeliveryEntity d) {
        return new TenantResponse(
                t.id,
                t.name,
                t.kind,
                t.endpoint,
                Arrays.asList(t.domains.split(",")),
                t.username,
                t.caPem,
                t.clientCertPem,
                t.clientKeyEnc != null,
                t.createdAt,
                t.updatedAt,
                d == null ? "pending" : d.status,
                d == null ? null : d.lastPushAt,
                d == null ? null : d.lastError,
                d == null ? null : d.lastErrorAt,
                d == null ? 0 : d.lag,
                d == null ? 0 : d.deliveredItems,
                d == null ? 0 : d.deliveredBatches,
                d == null ? 0 : d.failedAttempts);
    }
}

package io.openjims.collector.radius.service;

import io.openjims.collector.ingest.clients.service.CredentialHasher;
import io.openjims.collector.ingest.service.ProducerScope;
import io.openjims.collector.radius.repository.RadiusClientEntity;
import io.openjims.collector.radius.repository.RadiusClientRepository;
import io.openjims.model.IdentityText;
import io.openjims.model.contract.IpAddresses;
import io.openjims.model.kafka.JsonCodec;
import io.openjims.support.api.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Creates, lists, replaces and deletes RADIUS accounting clients. Input is checked here (400 {@code invalid_request}
 * naming the field); names and addresses are unique (409 {@code conflict}); the secret is encrypted before it is
 * stored and never returned. Every change is applied to this replica's listener at once, other replicas pick it up
 * within {@code clients-refresh-interval}.
 */
@ApplicationScoped
public class RadiusClientService {

    public static final int MAX_NAME = 100;
    /** Shortest shared secret accepted (RFC 2865 asks for at least 16 octets; FreeRADIUS examples use 10). */
    public static final int MIN_SECRET_BYTES = 8;
    /** Longest shared secret accepted. */
    public static final int MAX_SECRET_BYTES = 128;

    private final RadiusClientRepository repository;
    private final RadiusSecrets secrets;
    private final RadiusClients clients;

    public RadiusClientService(RadiusClientRepository repository, RadiusSecrets secrets, RadiusClients clients) {
        this.repository = repository;
        this.secrets = secrets;
        this.clients = clients;
    }

    /** A new client id. */
    public static String newId() {
        return "rc-" + CredentialHasher.randomLowerAlphanumeric(20);
    }

    public Uni<RadiusClient> create(RadiusClientInput input) {
        Valid valid = validate(input, true);
        requireKey();
        String id = newId();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> unique(valid, null).flatMap(ignored -> {
                    RadiusClientEntity entity = new RadiusClientEntity();
                    entity.id = id;
                    entity.createdAt = now;
                    apply(entity, valid, now);
                    return repository.persist(entity);
                }))
                .map(RadiusClientService::view)
                .call(clients::reload);
    }

    public Uni<List<RadiusClient>> list() {
        return Panache.withSession(repository::listByName)
                .map(entities ->
                        entities.stream().map(RadiusClientService::view).toList());
    }

    public Uni<RadiusClient> get(String id) {
        return Panache.withSession(() -> repository.findById(id)).map(entity -> {
            if (entity == null) {
                throw notFound(id);
            }
            return view(entity);
        });
    }

    /** Replaces a client's settings; without a secret the stored one stays. */
    public Uni<RadiusClient> update(String id, RadiusClientInput input) {
        Valid valid = validate(input, false);
        if (valid.secret() != null) {
            requireKey();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> repository.findById(id).flatMap(entity -> {
                    if (entity == null) {
                        throw notFound(id);
                    }
                    return unique(valid, id).flatMap(ignored -> {
                        apply(entity, valid, now);
                        return repository.persist(entity);
                    });
                }))
                .map(RadiusClientService::view)
                .call(clients::reload);
    }

    public Uni<Void> delete(String id) {
        return Panache.withTransaction(() -> repository.deleteById(id).invoke(deleted -> {
                    if (!deleted) {
                        throw notFound(id);
                    }
                }))
                .call(clients::reload)
                .replaceWithVoid();
    }

    /** A client input that passed {@link #validate}: trimmed, canonical address. */
    public record Valid(String name, String address, String secret, String domain, ProducerScope scope) {}

    private Uni<Void> unique(Valid valid, String exceptId) {
        return repository
                .nameTaken(valid.name(), exceptId)
                .flatMap(nameTaken -> {
                    if (nameTaken) {
                        throw new ApiException(409, "conflict", "a RADIUS client named '" + valid.name() + "' exists");
                    }
                    return repository.addressTaken(valid.address(), exceptId).invoke(addressTaken -> {
                        if (addressTaken) {
                            throw new ApiException(
                                    409, "conflict", "a RADIUS client with address " + valid.address() + " exists");
                        }
                    });
                })
                .replaceWithVoid();
    }

    private void apply(RadiusClientEntity entity, Valid valid, Instant now) {
        apply(entity, valid, secrets, now);
    }

    /** Copies a validated input onto a row, the secret (when given) encrypted for the row's id. */
    public static void apply(RadiusClientEntity entity, Valid valid, RadiusSecrets secrets, Instant now) {
        entity.name = valid.name();
        entity.address = valid.address();
        if (valid.secret() != null) {
            entity.secretEnc = secrets.encrypt(valid.secret(), entity.id);
        }
        entity.defaultDomain = valid.domain();
        entity.domains = JsonCodec.toJson(valid.scope().domains());
        entity.addressRanges = JsonCodec.toJson(valid.scope().addressRanges());
        entity.trustAssertedRoles = valid.scope().trustAssertedRoles();
        entity.updatedAt = now;
    }

    private void requireKey() {
        requireKey(secrets);
    }

    /** 503 {@code encryption_key_missing} while no key is set. */
    public static void requireKey(RadiusSecrets secrets) {
        if (!secrets.configured()) {
            throw new ApiException(
                    503,
                    "encryption_key_missing",
                    "set " + RadiusSecrets.KEY_NAME
                            + " (base64 of 32 random bytes) so RADIUS shared secrets can be stored");
        }
    }

    /** Checks an input as the admin API does; 400 {@code invalid_request} naming the field. */
    public static Valid validate(RadiusClientInput input, boolean secretRequired) {
        String name = input.name() == null ? "" : input.name().trim();
        if (name.isEmpty()) {
            throw invalid("name is required");
        }
        if (name.length() > MAX_NAME || IdentityText.problem(name, MAX_NAME) != null) {
            throw invalid("name must be at most " + MAX_NAME + " characters without control characters");
        }
        String address = canonicalAddress(input.address());
        String secret = input.secret();
        if (secret == null) {
            if (secretRequired) {
                throw invalid("secret is required (the shared secret configured on the NAS)");
            }
        } else {
            int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
            if (bytes < MIN_SECRET_BYTES || bytes > MAX_SECRET_BYTES) {
                throw invalid("secret must be " + MIN_SECRET_BYTES + " to " + MAX_SECRET_BYTES
                        + " bytes long (16 or more random characters recommended)");
            }
            if (IdentityText.problem(secret, MAX_SECRET_BYTES) != null) {
                throw invalid("secret must not contain control characters");
            }
        }
        String domain = input.domain() == null || input.domain().isBlank()
                ? null
                : input.domain().trim();
        if (domain != null && IdentityText.problem(domain, IdentityText.MAX_NAME) != null) {
            throw invalid("domain must be a domain name of at most " + IdentityText.MAX_NAME
                    + " characters without control characters");
        }
        ProducerScope scope;
        try {
            scope = ProducerScope.validated(input.domains(), input.addressRanges(), input.trustAssertedRoles());
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        return new Valid(name, address, secret, domain, scope);
    }

    /** An IP address or CIDR prefix in canonical form ({@code 10.0.0.0/8}, {@code 2001:db8::7}); 400 otherwise. */
    static String canonicalAddress(String raw) {
        String text = raw == null ? "" : raw.trim();
        if (text.isEmpty()) {
            throw invalid("address is required: the IP address or CIDR prefix the NAS sends from");
        }
        int slash = text.indexOf('/');
        byte[] bytes = IpAddresses.parse(slash < 0 ? text : text.substring(0, slash));
        if (bytes == null) {
            throw invalid("address: '" + abbreviate(text) + "' is not an IP address or CIDR prefix (e.g. 10.0.0.0/8)");
        }
        int bits = bytes.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw invalid("address: bad prefix length in '" + abbreviate(text) + "'");
            }
            if (bits < 0 || bits > bytes.length * 8) {
                throw invalid("address: bad prefix length in '" + abbreviate(text) + "'");
            }
        }
        for (int bit = bits; bit < bytes.length * 8; bit++) {
            if ((bytes[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                throw invalid("address: '" + abbreviate(text) + "' has host bits set after the prefix length");
            }
        }
        String canonical = IpAddresses.format(bytes);
        return bits == bytes.length * 8 ? canonical : canonical + "/" + bits;
    }

    private static RadiusClient view(RadiusClientEntity entity) {
        return new RadiusClient(
                entity.id,
                entity.name,
                entity.address,
                entity.defaultDomain,
                RadiusClients.scope(entity),
                entity.createdAt,
                entity.updatedAt);
    }

    private static ApiException invalid(String message) {
        return new ApiException(400, "invalid_request", message);
    }

    private static ApiException notFound(String id) {
        return new ApiException(404, "not_found", "no RADIUS client with id " + id);
    }

    private static String abbreviate(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "..." : value;
    }
}
